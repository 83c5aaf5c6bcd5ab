import type { RasterImage, RasterMetadata } from './raster';
import { maxValue } from './raster';

/** Same image at another bit depth. 16 → 8 rounds (v/257), 8 → 16 is exact (v·257). */
export function withBitDepth(raster: RasterImage, bitDepth: 8 | 16): RasterImage {
  if (raster.bitDepth === bitDepth) return raster;
  const source = raster.data;
  const data = bitDepth === 8 ? new Uint8Array(source.length) : new Uint16Array(source.length);
  if (bitDepth === 8) for (let i = 0; i < source.length; i += 1) data[i] = ((source[i] ?? 0) + 128) / 257;
  else for (let i = 0; i < source.length; i += 1) data[i] = (source[i] ?? 0) * 257;
  return { ...raster, bitDepth, data };
}

export function to8bit(raster: RasterImage): RasterImage {
  return withBitDepth(raster, 8);
}

/** Samples as Float32 in 0..1, interleaved HWC: the layout tfjs tensors take from `tf.tensor3d`. */
export function toFloat32(raster: RasterImage): Float32Array {
  const scale = 1 / maxValue(raster.bitDepth);
  const out = new Float32Array(raster.data.length);
  for (let i = 0; i < out.length; i += 1) out[i] = (raster.data[i] ?? 0) * scale;
  return out;
}

export interface RasterShape {
  width: number;
  height: number;
  channels: RasterImage['channels'];
}

/** Back from 0..1 floats (clamped, rounded) to a raster of the given depth. */
export function fromFloat32(
  values: Float32Array,
  shape: RasterShape,
  bitDepth: 8 | 16,
  metadata: RasterMetadata,
): RasterImage {
  const expected = shape.width * shape.height * shape.channels;
  if (values.length !== expected) throw new Error(`Expected ${expected} samples, got ${values.length}`);
  const max = maxValue(bitDepth);
  const data = bitDepth === 8 ? new Uint8Array(values.length) : new Uint16Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] ?? 0;
    // NaN from a misbehaving model becomes black rather than poisoning the export.
    data[i] = v > 0 ? (v < 1 ? Math.round(v * max) : max) : 0;
  }
  return { ...shape, bitDepth, data, metadata };
}
