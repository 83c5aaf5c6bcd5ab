import type { RasterImage } from '../../io/raster';
import { type OpContext } from '../context';
import { croppedSink, EDGE_PAD, edgePaddedSource } from './edge-pad';
import { planAxis } from './plan';
import { rasterRgbSource, rasterRowSink } from './pixels';
import { addSeams, placeBand, type SeamPart } from './stitch';
import type { TileNet } from './tile-net';
import { chooseTileSize, fitTiles, THROUGHPUT_TILE_FLOPS, type TileSizeOptions } from './tile-size';
import { runTiled, type TilerOptions } from './tiler';
import { defaultFeather } from './upscale';

/**
 * Splitting one image over several engine processes (wasm has one thread, so this is how
 * a 2-core machine uses both cores). One global tile grid is planned; each band gets a
 * contiguous run of its tile rows. Output rows that only one band touches are final in
 * that band and travel quantised; rows two bands share (their tiles' valid spans overlap)
 * travel as weighted float partial sums and are added in the parent, so the stitched
 * result is the single-process result, bit for bit up to float addition order.
 */
export interface Band {
  /** Tile rows [from, to) of the grid. */
  rows: [number, number];
  /** Input rows the band reads. */
  input: [number, number];
  /** Output rows the band emits (seams included). */
  output: [number, number];
  /** Output rows shared with the band above / below, as [from, to). */
  seams: Array<[number, number]>;
}

export interface BandPlan {
  grid: Omit<TilerOptions, 'rows'>;
  bands: Band[];
}


export interface BandResult {
  /** Output rows band.output as pixels of the source's layout; seam rows are left zero. */
  data: RasterImage['data'];
  seams: SeamPart[];
}

/**
 * Plans bands of equal tile-row counts: at least `workers` (when there are that many tile
 * rows) and at most `maxRows` tile rows each, so results come back in small pieces (less
 * memory in flight) and a queue keeps every worker busy.
 */
export function planBands(width: number, height: number, net: TileNet, workers: number, options: TileSizeOptions & { maxRows?: number } = {}): BandPlan {
  const context = net.context;
  const feather = options.feather ?? defaultFeather(net);
  const side = chooseTileSize(net, { tileFlops: THROUGHPUT_TILE_FLOPS, ...options, feather });
  // The grid covers the image grown by its edges, as a one-process run does (edge-pad.ts); rows
  // below are turned back into the image's own, where the padding's are dropped.
  const pad = EDGE_PAD;
  const fit = fitTiles(width + 2 * pad, height + 2 * pad, side, context, feather, workers);
  const grid = { tile: fit.tileWidth, tileHeight: fit.tileHeight, context, feather };
  const py = planAxis(height + 2 * pad, fit.tileHeight, context, feather);
  const s = net.scale;
  const outRow = (padded: number): number => Math.min(height * s, Math.max(0, padded - pad * s));
  const inRow = (padded: number): number => Math.min(height, Math.max(0, padded - pad));
  const rowCount = py.starts.length;
  const count = Math.min(rowCount, Math.max(1, workers, Math.ceil(rowCount / (options.maxRows ?? Infinity))));
  const bands: Band[] = [];
  for (let k = 0; k < count; k += 1) {
    const from = Math.round((k * py.starts.length) / count);
    const to = Math.round(((k + 1) * py.starts.length) / count);
    const top = from > 0 ? py.valid[from]![0] * s : 0;
    const bottom = to < py.starts.length ? py.valid[to - 1]![1] * s : (height + 2 * pad) * s;
    const seams: Array<[number, number]> = [];
    if (from > 0) seams.push([top, py.valid[from - 1]![1] * s]);
    if (to < py.starts.length) seams.push([py.valid[to]![0] * s, bottom]);
    bands.push({
      rows: [from, to],
      input: [inRow(py.starts[from]!), Math.max(inRow(py.starts[from]!) + 1, inRow(py.starts[to - 1]! + py.tile))],
      output: [outRow(top), outRow(bottom)],
      seams: seams.map(([a, b]): [number, number] => [outRow(a), outRow(b)]).filter(([a, b]) => b > a),
    });
  }
  return { grid, bands };
}

/**
 * Runs one band. `slice` holds input rows band.input of an image `fullHeight` rows high;
 * reads are shifted so the tiler sees the full image's coordinates, grown by its edges as
 * planBands planned, and plans the same grid.
 */
export async function runBand(slice: RasterImage, fullHeight: number, net: TileNet, plan: BandPlan, band: Band, ctx: OpContext): Promise<BandResult> {
  const s = net.scale;
  const outWidth = slice.width * s;
  const [top, bottom] = band.output;
  const size = outWidth * (bottom - top) * slice.channels;
  const data = slice.bitDepth === 16 ? new Uint16Array(size) : new Uint8Array(size);
  const target: RasterImage = { ...slice, width: outWidth, height: bottom - top, data };
  const write = rasterRowSink(target);
  const sliceSource = rasterRgbSource(slice);
  const image = { width: slice.width, height: fullHeight, read: (x: number, y: number, w: number, h: number) => sliceSource.read(x, y - band.input[0], w, h) };
  const source = edgePaddedSource(image, EDGE_PAD);
  const seams = band.seams.map(([a, b]): SeamPart => ({ y: a, rows: b - a, rgb: new Float32Array((b - a) * outWidth * 3) }));
  const rowFloats = outWidth * 3;
  const sink = croppedSink((y, rows, rgb) => {
    for (let r = 0; r < rows; r += 1) {
      const row = rgb.subarray(r * rowFloats, (r + 1) * rowFloats);
      const seam = seams.find((p) => y + r >= p.y && y + r < p.y + p.rows);
      if (seam) seam.rgb.set(row, (y + r - seam.y) * rowFloats);
      else write(y + r - top, 1, row);
    }
  }, EDGE_PAD * s, outWidth, fullHeight * s);
  await runTiled(source, net, { ...plan.grid, rows: band.rows }, sink, ctx);
  return { data, seams };
}

export { addSeams, placeBand } from './stitch';
export type { SeamPart } from './stitch';

/** Copies each band's rows into `out`, then adds the two partial sums of every seam and quantises them. */
export function stitchBands(out: RasterImage, plan: BandPlan, results: BandResult[]): void {
  plan.bands.forEach((band, k) => placeBand(out, band, results[k]!));
  addSeams(out, results.flatMap((r) => r.seams));
}

/** The input rows of a band as a raster of their own (what a worker process is sent). */
export function sliceRows(raster: RasterImage, [y0, y1]: [number, number]): RasterImage {
  const rowValues = raster.width * raster.channels;
  return { ...raster, height: y1 - y0, data: raster.data.slice(y0 * rowValues, y1 * rowValues) };
}
