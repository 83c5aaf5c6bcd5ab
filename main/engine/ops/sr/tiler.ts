import { throwIfCancelled, type OpContext } from '../context';
import { axisWeights, planAxis } from './plan';
import type { TileNet } from './tile-net';

/** Reads input pixels as interleaved RGB floats on 0–255. */
export interface RgbSource {
  width: number;
  height: number;
  read(x: number, y: number, width: number, height: number): Float32Array;
}

/**
 * Receives finished output rows, top to bottom: `data` holds `rows` rows of
 * width·scale RGB floats (0–255, unclipped). After an out-of-memory retry rows are
 * sent again from the top, so a sink must let later writes win.
 */
export type RowSink = (y: number, rows: number, data: Float32Array) => void | Promise<void>;

export interface TilerOptions {
  /** Tile size in input pixels (clamped to the image); height defaults to width. */
  tile: number;
  tileHeight?: number;
  context: number;
  feather: number;
  /**
   * Only these tile rows [from, to) of the full grid (a band for one of several
   * workers). Rows shared with a neighbouring band get only this band's weighted share.
   */
  rows?: [number, number];
}

/**
 * Runs `net` over `source` tile by tile and streams blended output rows to `sink`.
 * Only one band of output rows (tile·scale high) is held as floats, so a 24 MP image
 * never has a whole-image float buffer. Cancel is checked before every tile, after
 * yielding to the event loop so an abort message can arrive.
 */
export async function runTiled(source: RgbSource, net: TileNet, options: TilerOptions, sink: RowSink, ctx: OpContext): Promise<void> {
  const s = net.scale;
  const px = planAxis(source.width, options.tile, options.context, options.feather);
  const py = planAxis(source.height, options.tileHeight ?? options.tile, options.context, options.feather);
  const wx = axisWeights(px, s);
  const wy = axisWeights(py, s);
  const outW = source.width * s;
  const rowFloats = outW * 3;
  const band = new Float32Array(py.tile * s * rowFloats);
  const [from, to] = options.rows ?? [0, py.starts.length];
  const total = px.starts.length * (to - from);
  // A band starts where its first tile row's contribution starts.
  let bandStart = from > 0 ? py.valid[from]![0] * s : 0;
  let done = 0;
  for (let j = from; j < to; j += 1) {
    const y0 = py.starts[j]!;
    for (let i = 0; i < px.starts.length; i += 1) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      throwIfCancelled(ctx.signal);
      const x0 = px.starts[i]!;
      const out = await net.run(source.read(x0, y0, px.tile, py.tile), px.tile, py.tile, ctx.signal);
      accumulate(band, out, wx[i]!, wy[j]!, { x: x0 * s, y: y0 * s - bandStart, rowFloats });
      done += 1;
      ctx.progress(done / total, 'upscale');
    }
    // Rows above the next tile row's valid span are final; the last row of a band flushes its whole span.
    const finished = j + 1 < to ? py.valid[j + 1]![0] * s : to < py.starts.length ? py.valid[j]![1] * s : source.height * s;
    const rows = finished - bandStart;
    if (rows > 0) {
      await sink(bandStart, rows, band.subarray(0, rows * rowFloats));
      band.copyWithin(0, rows * rowFloats);
      band.fill(0, band.length - rows * rowFloats);
      bandStart = finished;
    }
  }
}

interface Placement {
  /** Output column of the tile's left edge. */
  x: number;
  /** Band row of the tile's top edge (may be negative: those rows have zero weight). */
  y: number;
  rowFloats: number;
}

/** band += out · wx · wy, skipping rows and columns whose weight is zero. */
function accumulate(band: Float32Array, out: Float32Array, wx: Float32Array, wy: Float32Array, at: Placement): void {
  const tileW = wx.length;
  let c0 = 0;
  while (c0 < tileW && wx[c0] === 0) c0 += 1;
  let c1 = tileW;
  while (c1 > c0 && wx[c1 - 1] === 0) c1 -= 1;
  for (let r = 0; r < wy.length; r += 1) {
    const a = wy[r]!;
    if (a === 0) continue;
    const src = r * tileW * 3;
    const dst = (at.y + r) * at.rowFloats + at.x * 3;
    for (let c = c0; c < c1; c += 1) {
      const w = a * wx[c]!;
      const k = c * 3;
      band[dst + k] = band[dst + k]! + w * out[src + k]!;
      band[dst + k + 1] = band[dst + k + 1]! + w * out[src + k + 1]!;
      band[dst + k + 2] = band[dst + k + 2]! + w * out[src + k + 2]!;
    }
  }
}
