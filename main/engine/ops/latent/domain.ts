import type { Rect } from '../../../../preload/contract/latent';
import { maxValue, type RasterImage } from '../../io/raster';
import type { DomainChannels, LatentDomain } from './family';
import { flipDifference, flipPixel } from './polarity';

export type Polarity = 'normal' | 'inverted';

/** How a photo region sits in the generator's domain image; recorded in the session for the way back. */
export interface DomainMapping {
  region: Rect;
  polarity: Polarity;
  /** The region's rectangle inside the domain image, in domain pixels (aspect kept, centred). */
  inner: { x: number; y: number; width: number; height: number };
  /** Domain pixels per photo pixel. */
  scale: number;
  domain: LatentDomain;
}

/** Photo luminance (Rec. 709) in 0..1 at integer pixel (x, y); alpha is ignored. */
export function luminanceAt(photo: RasterImage, x: number, y: number): number {
  const c = photo.channels;
  const i = (y * photo.width + x) * c;
  const d = photo.data;
  const v = c >= 3 ? 0.2126 * (d[i] ?? 0) + 0.7152 * (d[i + 1] ?? 0) + 0.0722 * (d[i + 2] ?? 0) : (d[i] ?? 0);
  return v / maxValue(photo.bitDepth);
}

/** Mean luminance of the region's outer ring (~5% of its short side, at least 1 px). */
export function borderBrightness(photo: RasterImage, r: Rect): number {
  const ring = Math.max(1, Math.round(Math.min(r.width, r.height) * 0.05));
  let sum = 0;
  let n = 0;
  const add = (x: number, y: number): void => {
    sum += luminanceAt(photo, x, y);
    n += 1;
  };
  for (let y = r.y; y < r.y + r.height; y += 1) {
    const edgeRow = y < r.y + ring || y >= r.y + r.height - ring;
    if (edgeRow) for (let x = r.x; x < r.x + r.width; x += 1) add(x, y);
    else for (let k = 0; k < Math.min(ring, r.width); k += 1) add(r.x + k, y), add(r.x + r.width - 1 - k, y);
  }
  return n > 0 ? sum / n : 0;
}

/**
 * 'auto': the region is inverted when its border is on the other side of mid-grey from the
 * family's background (a product shot on white, for light-on-dark Fashion-MNIST).
 */
export function choosePolarity(photo: RasterImage, region: Rect, domain: LatentDomain, polarity: Polarity | 'auto'): Polarity {
  if (polarity !== 'auto') return polarity;
  const lightBorder = borderBrightness(photo, region) > 0.5;
  return lightBorder === (domain.background === 'dark') ? 'inverted' : 'normal';
}

export function clampRegion(photo: RasterImage, region?: Rect): Rect {
  if (!region) return { x: 0, y: 0, width: photo.width, height: photo.height };
  const x = Math.min(Math.max(0, Math.floor(region.x)), photo.width - 1);
  const y = Math.min(Math.max(0, Math.floor(region.y)), photo.height - 1);
  return { x, y, width: Math.max(1, Math.min(Math.round(region.width), photo.width - x)), height: Math.max(1, Math.min(Math.round(region.height), photo.height - y)) };
}

/**
 * Region → the domain's channels (grey: luminance; RGB: the photo's colour, a grey photo
 * repeated) → fit into sourceSize (aspect kept, centred, black background) → pad → domain
 * range, packed h × w × channels. Fashion-MNIST is light-on-black, so a region whose border
 * is mostly bright (a product shot on white) is inverted ('auto', see choosePolarity;
 * luminance only, colour kept: polarity.ts), and the edit is inverted back later.
 */
export function photoToDomain(photo: RasterImage, region: Rect, domain: LatentDomain, polarity: Polarity | 'auto' = 'auto'): { values: Float32Array; mapping: DomainMapping } {
  const chosen = choosePolarity(photo, region, domain, polarity);
  const mapping = mappingFor(region, chosen, domain);
  const { inner, scale } = mapping;
  const [lo, hi] = domain.range;
  const channels = domain.channels;
  const values = new Float32Array(domain.width * domain.height * channels).fill(lo);
  for (let v = 0; v < domain.height; v += 1) {
    for (let u = 0; u < domain.width; u += 1) {
      if (u + 0.5 < inner.x || u + 0.5 > inner.x + inner.width || v + 0.5 < inner.y || v + 0.5 > inner.y + inner.height) continue;
      const { sums, known } = footprintColour(photo, region, (u - inner.x) / scale, (v - inner.y) / scale, 1 / scale, channels);
      for (let c = 0; c < channels; c += 1) sums[c] = sums[c]! / known;
      if (chosen === 'inverted') flipPixel(sums, 0, channels);
      for (let c = 0; c < channels; c += 1) values[(v * domain.width + u) * channels + c] = lo + sums[c]! * (hi - lo);
    }
  }
  return { values, mapping };
}

/** The region fitted into sourceSize (aspect kept) and centred in the padded domain image. */
export function mappingFor(region: Rect, polarity: Polarity, domain: LatentDomain): DomainMapping {
  const [sw, sh] = domain.sourceSize;
  const scale = Math.min(sw / region.width, sh / region.height);
  const width = region.width * scale;
  const height = region.height * scale;
  const inner = { x: (domain.width - width) / 2, y: (domain.height - height) / 2, width, height };
  return { region, polarity, inner, scale, domain };
}

/**
 * The photo's colour at integer pixel (x, y), on 0..1, added into `sums`: one value
 * (luminance) for a grey domain, R, G, B for a colour one (a grey photo gives its one value
 * three times). Alpha is ignored.
 */
function addColour(photo: RasterImage, x: number, y: number, channels: DomainChannels, sums: Float64Array): void {
  if (channels === 1) {
    sums[0] = sums[0]! + luminanceAt(photo, x, y);
    return;
  }
  const c = photo.channels;
  const i = (y * photo.width + x) * c;
  const top = maxValue(photo.bitDepth);
  const grey = c < 3;
  for (let k = 0; k < 3; k += 1) sums[k] = sums[k]! + (photo.data[grey ? i : i + k] ?? 0) / top;
}

/**
 * Colour sums over the footprint [x, x+size)×[y, y+size) (region-relative, clamped to the
 * region; at least one pixel), the pixels counted, and all pixels. With `mask`, pixels where
 * it is non-zero (a hole) are left out of the sums and the count; GAN completion maps a photo
 * with the same footprints as inversion, so both go through here.
 */
export function footprintColour(photo: RasterImage, r: Rect, x: number, y: number, size: number, channels: DomainChannels, mask?: Uint8Array): { sums: Float64Array; known: number; total: number } {
  const x0 = Math.floor(x + 0.5);
  const y0 = Math.floor(y + 0.5);
  const x1 = Math.max(x0 + 1, Math.floor(x + size + 0.5));
  const y1 = Math.max(y0 + 1, Math.floor(y + size + 0.5));
  const sums = new Float64Array(channels);
  let known = 0;
  let total = 0;
  for (let yy = y0; yy < y1; yy += 1) {
    const py = r.y + Math.min(r.height - 1, Math.max(0, yy));
    for (let xx = x0; xx < x1; xx += 1) {
      const px = r.x + Math.min(r.width - 1, Math.max(0, xx));
      total += 1;
      if (mask && mask[py * photo.width + px] !== 0) continue;
      addColour(photo, px, py, channels, sums);
      known += 1;
    }
  }
  return { sums, known, total };
}

/** Photo pixel (x, y) → domain pixel coordinates (continuous). */
export function photoToDomainPoint(m: DomainMapping, x: number, y: number): { x: number; y: number } {
  return { x: m.inner.x + (x - m.region.x) * m.scale, y: m.inner.y + (y - m.region.y) * m.scale };
}

/** A change over a photo region, packed height × width × channels, in units of the full intensity range. */
export interface RegionDelta {
  delta: Float32Array;
  width: number;
  height: number;
  /** 1: one grey change for every colour channel; 3: R, G, B. */
  channels: DomainChannels;
}

/**
 * A difference of two generator outputs (domain units) → a change over the region, in
 * units of the full intensity range, polarity undone, with the domain's channels, sampled
 * at 2× the domain's resolution over the inner rectangle (blendDifference upsamples it to
 * the region).
 */
export function domainDeltaToRegion(delta: Float32Array, m: DomainMapping): RegionDelta {
  const { domain, inner } = m;
  const channels = domain.channels;
  const width = Math.max(1, Math.ceil(inner.width * 2));
  const height = Math.max(1, Math.ceil(inner.height * 2));
  const unit = 1 / (domain.range[1] - domain.range[0]);
  const out = new Float32Array(width * height * channels);
  // Full precision until the one rounding to float32.
  const sample = new Float64Array(channels);
  for (let j = 0; j < height; j += 1) {
    const v = inner.y + ((j + 0.5) * inner.height) / height - 0.5;
    for (let i = 0; i < width; i += 1) {
      const u = inner.x + ((i + 0.5) * inner.width) / width - 0.5;
      const at = (j * width + i) * channels;
      bilinearPixel(delta, domain.width, domain.height, u, v, channels, sample, 0);
      for (let c = 0; c < channels; c += 1) out[at + c] = unit * sample[c]!;
      if (m.polarity === 'inverted') flipDifference(out, at, channels);
    }
  }
  return { delta: out, width, height, channels };
}

/**
 * Bilinear sample of every channel of one pixel of a w×h grid (packed h × w × channels) at
 * continuous (x, y) in pixel-centre coordinates, clamped at the edges, into out[at…].
 */
export function bilinearPixel(values: Float32Array, w: number, h: number, x: number, y: number, channels: number, out: Float32Array | Float64Array, at: number): void {
  const cx = Math.min(w - 1, Math.max(0, x));
  const cy = Math.min(h - 1, Math.max(0, y));
  const x0 = Math.floor(cx);
  const y0 = Math.floor(cy);
  const [i00, i10] = [(y0 * w + x0) * channels, (y0 * w + Math.min(w - 1, x0 + 1)) * channels];
  const [i01, i11] = [(Math.min(h - 1, y0 + 1) * w + x0) * channels, (Math.min(h - 1, y0 + 1) * w + Math.min(w - 1, x0 + 1)) * channels];
  const fx = cx - x0;
  const fy = cy - y0;
  for (let c = 0; c < channels; c += 1) {
    out[at + c] = ((values[i00 + c] ?? 0) * (1 - fx) + (values[i10 + c] ?? 0) * fx) * (1 - fy) + ((values[i01 + c] ?? 0) * (1 - fx) + (values[i11 + c] ?? 0) * fx) * fy;
  }
}
