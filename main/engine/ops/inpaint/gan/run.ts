import type { Rect } from '../../../../../preload/contract/latent';
import { LatentshopError } from '../../../../../preload/contract/errors';
import type { RasterImage } from '../../../io/raster';
import { type OpContext, throwIfCancelled } from '../../context';
import { clampRegion, type Polarity } from '../../latent/domain';
import { type MaskImage, maskPixels } from '../fill/mask';
import { Pacer } from '../fill/pacer';
import { poissonBlend } from './blend';
import { completeLatent, type CompletionOptions } from './complete';
import { importanceWeights, maskedToDomain } from './domain-mask';
import { ganFamily } from './family';

export interface GanInpaintOptions extends Omit<CompletionOptions, 'signal' | 'onStep'> {
  /** GAN family id; default the shipped `fashion` family, else the first installed one. */
  family?: string;
  /** Where model families live (tests); default the app's models folder. */
  modelsRoot?: string;
  /**
   * The part of the photo that is mapped into the generator's domain; it must contain the
   * hole. Default the whole image: the family models whole products, not parts of them.
   */
  region?: Rect;
  /** Light-on-dark or the reverse; default from the region's border, as for inversion. */
  polarity?: Polarity | 'auto';
  /** Side of the importance-weight window in domain pixels (odd). Default 7 (Yeh et al.). */
  window?: number;
}

/**
 * `gan` completion (Yeh et al. 2017, "Semantic Image Inpainting with Deep Generative
 * Models"): the image and its hole are mapped into the family's domain, z is found so that
 * G(z) matches the known pixels near the hole (with D as a prior), and G(z*) is Poisson-
 * blended into the hole at the photo's resolution. Meant for images in the family's domain
 * (a product shot for `fashion`); anything else still completes, as a grey structure
 * blended into the photo's colours. Pixels outside the mask are kept bit for bit.
 */
export async function ganInpaint(raster: RasterImage, maskInput: Uint8Array | MaskImage, ctx: OpContext, opts: GanInpaintOptions = {}): Promise<RasterImage> {
  const mask = maskPixels(raster, maskInput);
  ctx.progress(0, 'prepare');
  throwIfCancelled(ctx.signal);
  const holes = countHoles(mask);
  if (holes === 0) {
    ctx.progress(1, 'done');
    return { ...raster, data: raster.data.slice(), metadata: { ...raster.metadata } };
  }
  if (holes === mask.length) throw LatentshopError.of('maskCoversAllComplete', {});
  const region = clampRegion(raster, opts.region);
  if (!holeInside(mask, raster.width, region)) throw LatentshopError.of('maskOutsideRegion', {});
  ctx.progress(0.01, 'load model');
  const fam = await ganFamily(opts.family, opts.modelsRoot);
  throwIfCancelled(ctx.signal);
  const { width, height } = fam.domain;
  const mapped = maskedToDomain(raster, mask, region, fam.domain, opts.polarity ?? 'auto');
  const weights = importanceWeights(mapped.known, width, height, opts.window ?? 7);
  const { family: _f, modelsRoot: _m, region: _r, polarity: _p, window: _w, ...completion } = opts;
  const found = await completeLatent(fam, mapped.values, weights, 1, {
    ...completion,
    signal: ctx.signal,
    onStep: (k, n, loss) => ctx.progress(0.05 + (0.85 * k) / n, `iteration ${k}/${n}, loss ${loss.toFixed(4)}`),
  });
  ctx.progress(0.9, 'blend');
  const out = await poissonBlend(raster, mask, found.recon, mapped.mapping, new Pacer(ctx.signal));
  ctx.progress(1, 'done');
  return out;
}

function countHoles(mask: Uint8Array): number {
  let n = 0;
  for (const v of mask) if (v !== 0) n += 1;
  return n;
}

function holeInside(mask: Uint8Array, width: number, r: Rect): boolean {
  for (let p = 0; p < mask.length; p += 1) {
    if (mask[p] === 0) continue;
    const x = p % width;
    const y = (p - x) / width;
    if (x < r.x || y < r.y || x >= r.x + r.width || y >= r.y + r.height) return false;
  }
  return true;
}
