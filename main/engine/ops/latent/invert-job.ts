import type { InvertJobSpec, LatentSessionResult } from '../../../../preload/contract/latent';
import { psnr, ssim } from '../../metrics/image-metrics';
import type { RasterImage } from '../../io/raster';
import type { OpContext } from '../context';
import { domainBytes, domainDataUrl } from './codec';
import { clampRegion, photoToDomain } from './domain';
import { getLatentFamily, type LatentFamily } from './family';
import { invertImages } from './invert';
import type { LatentSessionStore } from './sessions';

/** PSNR (dB) and SSIM of a reconstruction in the generator's domain, on 8-bit pixels. */
export function domainQuality(fam: LatentFamily, recon: Float32Array, target: Float32Array): { psnr: number; ssim: number } {
  const asRaster = (values: Float32Array) => {
    const { width, height, channels, bytes } = domainBytes(values, fam.domain);
    return { width, height, channels, data: bytes };
  };
  const [a, b] = [asRaster(recon), asRaster(target)];
  // A perfect match is Infinity dB, which JSON (IPC, --json) cannot carry: cap at 99.
  return { psnr: Math.min(99, psnr(a, b)), ssim: ssim(a, b) };
}

/**
 * The invert job: region → domain → z (progress every step, a preview every 10), then a
 * latent session that later edits read. Quality is reported in the domain.
 */
export async function invertToSession(spec: InvertJobSpec, photo: RasterImage, ctx: OpContext, sessions: LatentSessionStore): Promise<LatentSessionResult> {
  ctx.progress(0, 'load model');
  const fam = await getLatentFamily(spec.family);
  const region = clampRegion(photo, spec.region);
  const { values, mapping } = photoToDomain(photo, region, fam.domain);
  const invertBack = mapping.polarity === 'inverted';
  let fraction = 0.05;
  const opts = {
    method: spec.method,
    signal: ctx.signal,
    onStep: (k: number, n: number, loss: number) => ctx.progress((fraction = 0.05 + (0.9 * k) / n), `iteration ${k}/${n}, loss ${loss.toFixed(4)}`),
    onPreview: async (recon: Float32Array) => {
      const url = await domainDataUrl(recon, fam.domain, invertBack);
      ctx.progress(fraction, 'preview', url);
    },
    ...(spec.iterations === undefined ? {} : { iterations: spec.iterations }),
    ...(spec.starts === undefined ? {} : { starts: spec.starts }),
    ...(spec.pixelLoss === undefined ? {} : { pixelLoss: spec.pixelLoss }),
  };
  const result = await invertImages(fam, values, 1, opts);
  const quality = domainQuality(fam, result.recon, values);
  const z = Array.from(result.z);
  const session = await sessions.create({ family: fam.id, imageId: spec.imageId, region, polarity: mapping.polarity, method: spec.method, z });
  const reconstructionUrl = await domainDataUrl(result.recon, fam.domain, invertBack);
  ctx.progress(1, 'done');
  return { kind: 'latent', sessionId: session.id, family: fam.id, method: spec.method, region, z, ...quality, iterations: result.iterations, ms: result.ms, reconstructionUrl };
}
