import { type Box, maskBox } from '../../../io/mask-box';
import { maxValue, type RasterImage } from '../../../io/raster';
import { bilinearPixel, type DomainMapping } from '../../latent/domain';
import { flipPixel, LUMA } from '../../latent/polarity';
import type { Level } from '../fill/level';
import type { Pacer } from '../fill/pacer';
import { poissonSolve } from '../fill/poisson';

/** Enough conjugate-gradient steps for a hole of a few hundred thousand pixels; the solver stops earlier once converged. */
const MAX_CG = 3000;

/**
 * Poisson blending of the generator's completion into the photo (Yeh et al. 2017, §3.3;
 * Pérez et al. 2003): the hole's pixels are solved so that their Laplacian equals that of
 * G(z*) (upsampled to photo resolution, polarity undone), with the known pixels around the
 * hole as the boundary. G's absolute level never enters, only its structure, so the fill
 * takes its brightness and colour from the photo. A grey family's guidance is the same for
 * every colour channel; a colour family guides each channel with its own (a grey photo
 * with its luminance); alpha gets none (it is interpolated smoothly). Reuses the fill's
 * solver.
 * Returns a copy in which only masked pixels differ.
 */
export async function poissonBlend(photo: RasterImage, mask: Uint8Array, recon: Float32Array, mapping: DomainMapping, pacer: Pacer): Promise<RasterImage> {
  const out: RasterImage = { ...photo, data: photo.data.slice(), metadata: { ...photo.metadata } };
  // The hole's bounding box plus one pixel: its boundary, where the guidance meets the photo.
  const box = maskBox(mask, photo.width, photo.height, 1);
  if (!box) return out;
  const c = photo.channels;
  const colour = c === 2 || c === 4 ? c - 1 : c;
  const top = maxValue(photo.bitDepth);
  const { x0, y0 } = box;
  const w = box.x1 - x0;
  const h = box.y1 - y0;
  const guide = guidance(recon, mapping, box, top, colour);
  const img = new Float32Array(w * h * c);
  const hole = new Uint8Array(w * h);
  const holes: number[] = [];
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      const p = (y0 + y) * photo.width + x0 + x;
      const q = y * w + x;
      for (let k = 0; k < c; k += 1) img[q * c + k] = photo.data[p * c + k]!;
      if (mask[p] === 0) continue;
      hole[q] = 1;
      holes.push(q);
    }
  }
  const lap = new Float32Array(w * h * c);
  const l = new Float64Array(colour);
  for (const q of holes) {
    const x = q % w;
    const y = (q - x) / w;
    l.fill(0);
    for (const [nx, ny] of [[x - 1, y], [x + 1, y], [x, y - 1], [x, y + 1]] as const) {
      if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
      for (let k = 0; k < colour; k += 1) l[k] = l[k]! + guide[q * colour + k]! - guide[(ny * w + nx) * colour + k]!;
    }
    for (let k = 0; k < colour; k += 1) lap[q * c + k] = l[k]!;
  }
  startFromGuide(img, hole, guide, w, h, c, colour);
  const level: Level = { w, h, c, img, hole };
  // No screening (λ = 0): the boundary alone fixes the level, as in Pérez et al.
  await poissonSolve(level, Int32Array.from(holes), lap, new Float32Array(w * h * c), 0, MAX_CG, pacer);
  for (const q of holes) {
    const x = q % w;
    const p = (y0 + (q - x) / w) * photo.width + x0 + x;
    for (let k = 0; k < c; k += 1) out.data[p * c + k] = Math.min(top, Math.max(0, Math.round(img[q * c + k]!)));
  }
  return out;
}

/**
 * G(z*) at each photo pixel of the box, in photo units (0..top), polarity undone, packed with
 * the photo's `colour` channels: a grey domain repeats its value, a colour one gives R, G, B
 * (or its luminance, Rec. 709, for a grey photo).
 */
function guidance(recon: Float32Array, m: DomainMapping, box: Box, top: number, colour: number): Float32Array {
  const { domain, inner, region, scale } = m;
  const [lo, hi] = domain.range;
  const dc = domain.channels;
  const w = box.x1 - box.x0;
  const out = new Float32Array(w * (box.y1 - box.y0) * colour);
  const units = new Float64Array(dc);
  for (let y = box.y0; y < box.y1; y += 1) {
    const v = inner.y + (y + 0.5 - region.y) * scale - 0.5;
    for (let x = box.x0; x < box.x1; x += 1) {
      const u = inner.x + (x + 0.5 - region.x) * scale - 0.5;
      bilinearPixel(recon, domain.width, domain.height, u, v, dc, units, 0);
      for (let k = 0; k < dc; k += 1) units[k] = (units[k]! - lo) / (hi - lo);
      if (m.polarity === 'inverted') flipPixel(units, 0, dc);
      const q = ((y - box.y0) * w + x - box.x0) * colour;
      if (dc === 1) out.fill(units[0]! * top, q, q + colour);
      else if (colour >= 3) for (let k = 0; k < 3; k += 1) out[q + k] = units[k]! * top;
      else out[q] = (LUMA[0] * units[0]! + LUMA[1] * units[1]! + LUMA[2] * units[2]!) * top;
    }
  }
  return out;
}

/**
 * Starts the solver from G's completion shifted to the photo's level at the hole's edge
 * (mean of photo − guide over the known boundary pixels), so conjugate gradients has
 * only a smooth correction left to find.
 */
function startFromGuide(img: Float32Array, hole: Uint8Array, guide: Float32Array, w: number, h: number, c: number, colour: number): void {
  const offset = new Float64Array(c);
  let n = 0;
  for (let q = 0; q < w * h; q += 1) {
    if (hole[q] !== 0) continue;
    const x = q % w;
    const y = (q - x) / w;
    const edge = (x > 0 && hole[q - 1] !== 0) || (x < w - 1 && hole[q + 1] !== 0) || (y > 0 && hole[q - w] !== 0) || (y < h - 1 && hole[q + w] !== 0);
    if (!edge) continue;
    for (let k = 0; k < c; k += 1) offset[k] = offset[k]! + img[q * c + k]! - (k < colour ? guide[q * colour + k]! : 0);
    n += 1;
  }
  for (let q = 0; q < w * h; q += 1) {
    if (hole[q] === 0) continue;
    for (let k = 0; k < c; k += 1) img[q * c + k] = (k < colour ? guide[q * colour + k]! : 0) + (n > 0 ? offset[k]! / n : 0);
  }
}
