import { LatentshopError } from '../../../../preload/contract/errors';
import type { ImageAnalysis, Rect } from '../../../../preload/contract/latent';
import type { RasterImage } from '../../io/raster';
import { domainDataUrl } from './codec';
import { clampRegion, photoToDomain } from './domain';
import type { LatentFamily } from './family';
import { generateValues } from './invert';
import { classify, discriminate, encode } from './sample';

/** E, D and C on one region of a photo, mapped into the family's domain as inversion does. */
export function analyzeRegion(fam: LatentFamily, photo: RasterImage, region?: Rect): ImageAnalysis {
  const area = clampRegion(photo, region);
  const { values } = photoToDomain(photo, area, fam.domain);
  const z = Array.from(encode(fam, values, 1));
  const realism = discriminate(fam, values, 1)[0] ?? 0;
  const classes = (classify(fam, values, 1)[0] ?? []).map(({ label, probability }) => ({ label, probability }));
  return { family: fam.id, region: area, z, realism, classes };
}

/** G(z) as a data URL, enlarged 4× so it is visible in the UI. */
export async function generateDataUrl(fam: LatentFamily, z: number[]): Promise<string> {
  if (z.length !== fam.latentSize) throw LatentshopError.of('latentLength', { count: z.length, family: fam.id, size: fam.latentSize });
  const values = generateValues(fam, Float32Array.from(z), 1);
  return domainDataUrl(values, fam.domain);
}
