import { maxValue, type RasterImage } from '../../io/raster';
import type { RgbSource, RowSink } from './tiler';

/**
 * The colour part of a raster as RGB floats on 0–255. Grey (1–2 channels) is
 * replicated to RGB; alpha is left out (upscaled separately). 16-bit values are
 * divided by 257, not shifted, so no precision is lost before the net sees them.
 */
export function rasterRgbSource(raster: RasterImage): RgbSource {
  const { width, height, channels, data } = raster;
  const toUnit = 255 / maxValue(raster.bitDepth);
  const grey = channels <= 2;
  return {
    width,
    height,
    read(x0, y0, w, h) {
      const out = new Float32Array(w * h * 3);
      let o = 0;
      for (let y = y0; y < y0 + h; y += 1) {
        let i = (y * width + x0) * channels;
        for (let x = 0; x < w; x += 1, i += channels, o += 3) {
          if (grey) {
            const v = data[i]! * toUnit;
            out[o] = v;
            out[o + 1] = v;
            out[o + 2] = v;
          } else {
            out[o] = data[i]! * toUnit;
            out[o + 1] = data[i + 1]! * toUnit;
            out[o + 2] = data[i + 2]! * toUnit;
          }
        }
      }
      return out;
    },
  };
}

/**
 * Writes output rows into `target` (same channel layout and depth as the source,
 * `scale` times larger), rounding and clamping. Grey output is the RGB mean. Alpha
 * slots are left for the caller. Rewriting a row overwrites it, as RowSink requires.
 */
export function rasterRowSink(target: RasterImage): RowSink {
  const { width, channels, data } = target;
  const max = maxValue(target.bitDepth);
  const fromUnit = max / 255;
  const grey = channels <= 2;
  return (y0, rows, rgb) => {
    for (let r = 0; r < rows; r += 1) {
      let o = ((y0 + r) * width) * channels;
      let i = r * width * 3;
      for (let x = 0; x < width; x += 1, o += channels, i += 3) {
        if (grey) {
          data[o] = clampRound(((rgb[i]! + rgb[i + 1]! + rgb[i + 2]!) / 3) * fromUnit, max);
        } else {
          data[o] = clampRound(rgb[i]! * fromUnit, max);
          data[o + 1] = clampRound(rgb[i + 1]! * fromUnit, max);
          data[o + 2] = clampRound(rgb[i + 2]! * fromUnit, max);
        }
      }
    }
  };
}

function clampRound(v: number, max: number): number {
  return v <= 0 ? 0 : v >= max ? max : Math.round(v);
}

/** The alpha channel of a 2- or 4-channel raster, or undefined when there is none. */
export function extractAlpha(raster: RasterImage): Uint8Array | Uint16Array | undefined {
  const { channels, data } = raster;
  if (channels !== 2 && channels !== 4) return undefined;
  const n = raster.width * raster.height;
  const alpha = raster.bitDepth === 16 ? new Uint16Array(n) : new Uint8Array(n);
  for (let p = 0, i = channels - 1; p < n; p += 1, i += channels) alpha[p] = data[i]!;
  return alpha;
}

/** Puts an alpha plane into the last channel of `target`. */
export function insertAlpha(target: RasterImage, alpha: Uint8Array | Uint16Array): void {
  const { channels, data } = target;
  for (let p = 0, i = channels - 1; p < alpha.length; p += 1, i += channels) data[i] = alpha[p]!;
}
