import type { RasterImage } from '../../io/raster';
import { rasterRowSink } from './pixels';

// Stitching lives apart from bands.ts so main (which stitches split upscales) never loads TensorFlow.js.

/** Partial sums of shared rows: `rows` rows of width·scale RGB floats from output row `y`. */
export interface SeamPart {
  y: number;
  rows: number;
  rgb: Float32Array;
}

/** Copies one band's final rows into `out` (as soon as it arrives, so its buffer can be freed). */
export function placeBand(out: RasterImage, band: { output: [number, number] }, result: { data: RasterImage['data'] }): void {
  out.data.set(result.data, band.output[0] * out.width * out.channels);
}

/** Sums the partial rows two bands share and writes them quantised; call after every placeBand. */
export function addSeams(out: RasterImage, parts: SeamPart[]): void {
  const write = rasterRowSink(out);
  for (const y of new Set(parts.map((p) => p.y))) {
    const same = parts.filter((p) => p.y === y);
    const sum = new Float32Array(same[0]!.rgb.length);
    for (const p of same) for (let i = 0; i < sum.length; i += 1) sum[i] = sum[i]! + p.rgb[i]!;
    write(y, same[0]!.rows, sum);
  }
}
