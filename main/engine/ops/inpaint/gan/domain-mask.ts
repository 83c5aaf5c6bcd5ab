import type { Rect } from '../../../../../preload/contract/latent';
import type { RasterImage } from '../../../io/raster';
import { choosePolarity, footprintColour, mappingFor, type DomainMapping, type Polarity } from '../../latent/domain';
import type { LatentDomain } from '../../latent/family';
import { flipPixel } from '../../latent/polarity';

/** A photo region and its hole, as the generator sees them. */
export interface MaskedDomain {
  /** Domain image (h × w × channels, domain range): the mean of the KNOWN photo pixels under each domain pixel; the hole holds the known mean. */
  values: Float32Array;
  /** 0–1 per domain pixel (h × w, shared by its channels): the fraction of its photo footprint that is known (padding counts as known background). */
  known: Float32Array;
  mapping: DomainMapping;
}

/**
 * Like latent/domain.ts photoToDomain (the domain's channels, aspect kept, centred, padded, polarity from the
 * border), but hole pixels are left out of every average: their values are whatever the
 * user wants gone, and letting them in would tell the optimiser to reproduce them.
 */
export function maskedToDomain(photo: RasterImage, mask: Uint8Array, region: Rect, domain: LatentDomain, polarity: Polarity | 'auto' = 'auto'): MaskedDomain {
  const chosen = choosePolarity(photo, region, domain, polarity);
  const mapping = mappingFor(region, chosen, domain);
  const { inner, scale } = mapping;
  const [lo, hi] = domain.range;
  const channels = domain.channels;
  const n = domain.width * domain.height;
  const values = new Float32Array(n * channels).fill(lo);
  const known = new Float32Array(n).fill(1);
  const sum = new Float64Array(channels);
  let count = 0;
  for (let v = 0; v < domain.height; v += 1) {
    for (let u = 0; u < domain.width; u += 1) {
      if (u + 0.5 < inner.x || u + 0.5 > inner.x + inner.width || v + 0.5 < inner.y || v + 0.5 > inner.y + inner.height) continue;
      const s = footprintColour(photo, region, (u - inner.x) / scale, (v - inner.y) / scale, 1 / scale, channels, mask);
      const i = v * domain.width + u;
      known[i] = s.known / s.total;
      if (s.known === 0) continue;
      for (let c = 0; c < channels; c += 1) s.sums[c] = s.sums[c]! / s.known;
      if (chosen === 'inverted') flipPixel(s.sums, 0, channels);
      for (let c = 0; c < channels; c += 1) {
        const value = lo + s.sums[c]! * (hi - lo);
        values[i * channels + c] = value;
        sum[c] = sum[c]! + value;
      }
      count += 1;
    }
  }
  // E needs something in the hole; the known mean is the neutral guess (Yeh et al. start from noise instead).
  for (let i = 0; i < n; i += 1) {
    if (known[i] !== 0) continue;
    for (let c = 0; c < channels; c += 1) values[i * channels + c] = count > 0 ? sum[c]! / count : lo;
  }
  return { values, known, mapping };
}

/**
 * Yeh et al. 2017's importance weights: a known pixel counts in proportion to the fraction
 * of unknown pixels in the `window`×`window` neighbourhood around it (0 far from the hole,
 * where matching buys nothing for the completion); hole pixels count 0. `floor` adds a
 * small weight to every known pixel so the global shape still constrains z on our tiny
 * domain (0 = the paper exactly).
 */
export function importanceWeights(known: Float32Array, width: number, height: number, window = 7, floor = 0): Float32Array {
  const r = (window - 1) >> 1;
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const k = known[y * width + x]!;
      if (k === 0) continue;
      let unknown = 0;
      let n = 0;
      for (let yy = Math.max(0, y - r); yy <= Math.min(height - 1, y + r); yy += 1) {
        for (let xx = Math.max(0, x - r); xx <= Math.min(width - 1, x + r); xx += 1) {
          unknown += 1 - known[yy * width + xx]!;
          n += 1;
        }
      }
      out[y * width + x] = k * (unknown / n + floor);
    }
  }
  return out;
}
