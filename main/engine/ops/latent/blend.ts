import type { RasterImage } from '../../io/raster';
import { maxValue } from '../../io/raster';
import { LUMA } from './polarity';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Adds an edit back into the full-resolution photo. Only the *difference* the generator
 * made is transferred (upsampled bilinearly), so the photo keeps its own detail and
 * colour; a feathered ramp at the region's edge hides the seam. Pixels outside the
 * region are copied untouched. `delta` is `deltaWidth`×`deltaHeight`×`deltaChannels`, in
 * units of the full intensity range (1 = white minus black): one grey change for every
 * colour channel, or R, G, B (a grey photo takes their luminance).
 */
export function blendDifference(
  photo: RasterImage,
  region: Rect,
  delta: Float32Array,
  deltaWidth: number,
  deltaHeight: number,
  feather: number,
  deltaChannels: 1 | 3 = 1,
): RasterImage {
  const data = photo.data.slice();
  const top = maxValue(photo.bitDepth);
  const channels = photo.channels;
  const colourChannels = channels === 2 || channels === 4 ? channels - 1 : channels;
  // A colour change on a grey photo is its luminance; from here on, dc is 1 or matches the photo.
  const dc = deltaChannels === 3 && colourChannels < 3 ? 1 : deltaChannels;
  const change = dc === deltaChannels ? delta : luminanceOf(delta);
  // Separable tables (the feather weight is min of a row and a column ramp, since the
  // smoothstep is monotonic): one pass over the region does only arithmetic. This is the
  // slider preview's hot loop, so it must stay well under 10 ms for 512² pixels.
  const cols = axisTable(region.width, deltaWidth, feather);
  const rows = axisTable(region.height, deltaHeight, feather);
  const source: ColourSource | undefined = dc === 3 ? { change, mixed: new Float32Array(deltaWidth * 3) } : undefined;
  for (let y = 0; y < region.height; y += 1) {
    const wy = rows.weight[y]!;
    if (wy <= 0) continue;
    const r0 = rows.i0[y]! * deltaWidth;
    const r1 = rows.i1[y]! * deltaWidth;
    if (source) {
      blendColourRow(data, source, cols, wy, r0, r1, rows.f[y]!, ((region.y + y) * photo.width + region.x) * channels, channels, top);
      continue;
    }
    const fy = rows.f[y]!;
    let offset = ((region.y + y) * photo.width + region.x) * channels;
    for (let x = 0; x < region.width; x += 1, offset += channels) {
      const weight = Math.min(wy, cols.weight[x]!);
      if (weight <= 0) continue;
      const c0 = cols.i0[x]!;
      const c1 = cols.i1[x]!;
      const fx = cols.f[x]!;
      const v = (change[r0 + c0]! * (1 - fx) + change[r0 + c1]! * fx) * (1 - fy) + (change[r1 + c0]! * (1 - fx) + change[r1 + c1]! * fx) * fy;
      const amount = weight * v * top;
      for (let c = 0; c < colourChannels; c += 1) {
        const value = Math.round(data[offset + c]! + amount);
        data[offset + c] = value < 0 ? 0 : value > top ? top : value;
      }
    }
  }
  return { ...photo, data, metadata: { ...photo.metadata } };
}

type AxisTable = ReturnType<typeof axisTable>;

/** An R, G, B change and a scratch row, for blendColourRow. */
interface ColourSource {
  change: Float32Array;
  /** The row's two source rows mixed vertically (deltaWidth × 3). */
  mixed: Float32Array;
}

/**
 * One row of blendDifference for an R, G, B change on a colour photo (each channel its own
 * change). The two source rows are mixed once per row, so each pixel only interpolates
 * across: the slider preview's hot loop stays near the grey path's cost.
 */
function blendColourRow(data: RasterImage['data'], source: ColourSource, cols: AxisTable, wy: number, r0: number, r1: number, fy: number, rowOffset: number, channels: number, top: number): void {
  const { change, mixed } = source;
  for (let i = 0; i < mixed.length; i += 1) mixed[i] = change[r0 * 3 + i]! * (1 - fy) + change[r1 * 3 + i]! * fy;
  let offset = rowOffset;
  for (let x = 0; x < cols.weight.length; x += 1, offset += channels) {
    const weight = Math.min(wy, cols.weight[x]!);
    if (weight <= 0) continue;
    const fx = cols.f[x]!;
    const a = cols.i0[x]! * 3;
    const b = cols.i1[x]! * 3;
    const scale = weight * top;
    const gx = 1 - fx;
    const red = Math.round(data[offset]! + (mixed[a]! * gx + mixed[b]! * fx) * scale);
    const green = Math.round(data[offset + 1]! + (mixed[a + 1]! * gx + mixed[b + 1]! * fx) * scale);
    const blue = Math.round(data[offset + 2]! + (mixed[a + 2]! * gx + mixed[b + 2]! * fx) * scale);
    data[offset] = red < 0 ? 0 : red > top ? top : red;
    data[offset + 1] = green < 0 ? 0 : green > top ? top : green;
    data[offset + 2] = blue < 0 ? 0 : blue > top ? top : blue;
  }
}

/** Rec. 709 luminance of a packed R, G, B change. */
function luminanceOf(rgb: Float32Array): Float32Array {
  const out = new Float32Array(rgb.length / 3);
  for (let i = 0; i < out.length; i += 1) out[i] = LUMA[0] * rgb[i * 3]! + LUMA[1] * rgb[i * 3 + 1]! + LUMA[2] * rgb[i * 3 + 2]!;
  return out;
}

/** Per-position source indices, fraction and feather weight along one axis of the region. */
function axisTable(length: number, sourceLength: number, feather: number): { i0: Int32Array; i1: Int32Array; f: Float64Array; weight: Float64Array } {
  const i0 = new Int32Array(length);
  const i1 = new Int32Array(length);
  const f = new Float64Array(length);
  const weight = new Float64Array(length);
  for (let p = 0; p < length; p += 1) {
    const s = Math.min(sourceLength - 1, Math.max(0, ((p + 0.5) * sourceLength) / length - 0.5));
    i0[p] = Math.floor(s);
    i1[p] = Math.min(sourceLength - 1, i0[p]! + 1);
    f[p] = s - i0[p]!;
    weight[p] = ramp(p, length, feather);
  }
  return { i0, i1, f, weight };
}

/** featherWeight along one axis: featherWeight(x, y) = min(ramp(x), ramp(y)). */
function ramp(p: number, length: number, feather: number): number {
  if (feather <= 0) return 1;
  const t = Math.min(1, Math.min(p + 0.5, length - p - 0.5) / feather);
  return t * t * (3 - 2 * t);
}

/** 0 at the region's border, rising smoothly to 1 at `feather` pixels inside. */
export function featherWeight(x: number, y: number, width: number, height: number, feather: number): number {
  if (feather <= 0) return 1;
  const inside = Math.min(x + 0.5, y + 0.5, width - x - 0.5, height - y - 0.5);
  const t = Math.min(1, inside / feather);
  return t * t * (3 - 2 * t);
}
