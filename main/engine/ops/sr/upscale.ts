import { LatentshopError } from '../../../../preload/contract/errors';
import type { RasterImage } from '../../io/raster';
import { throwIfCancelled, type OpContext } from '../context';
import { upscaleAlpha } from './alpha';
import { getSrNet, type SrModelName, type SrScale } from './models';
import { croppedSink, EDGE_PAD, edgePaddedSource } from './edge-pad';
import { cropRegion } from './region';
import { growByEdges, MIN_SR_SIDE } from './small-image';
import { extractAlpha, insertAlpha, rasterRgbSource, rasterRowSink } from './pixels';
import { isOutOfMemory, type TileNet } from './tile-net';
import { chooseTileSize, DEFAULT_FEATHER, fitTiles, minimumTile, type TileSizeOptions } from './tile-size';
import { runTiled, type RgbSource, type RowSink } from './tiler';

export interface UpscaleOptions extends TileSizeOptions {
  model: SrModelName;
  scale: SrScale;
  /** Tile side in input pixels; default from the time and memory budgets. */
  tileSize?: number;
  /** Context each tile carries beyond the part it contributes, per side, in input pixels; default: the net's receptive radius. */
  overlap?: number;
}

/** Super-resolves a raster with an ESRGAN net; same channels and bit depth out. */
export async function upscaleRaster(raster: RasterImage, options: UpscaleOptions, ctx: OpContext): Promise<RasterImage> {
  throwIfCancelled(ctx.signal);
  const { tileNet } = await getSrNet(options.model, options.scale);
  if (raster.width >= MIN_SR_SIDE && raster.height >= MIN_SR_SIDE) return upscaleRasterWith(raster, tileNet, options, ctx);
  // A tiny image: grown by its edges so that the net does not see black around it (small-image.ts).
  const { grown, left, top } = growByEdges(raster, MIN_SR_SIDE);
  const s = tileNet.scale;
  const out = await upscaleRasterWith(grown, tileNet, options, ctx);
  return cropRegion(out, { x: left * s, y: top * s, width: raster.width * s, height: raster.height * s });
}

/** As upscaleRaster, with the net given (tests inject cheap fakes). */
export async function upscaleRasterWith(raster: RasterImage, net: TileNet, options: TileSizeOptions & { tileSize?: number; overlap?: number }, ctx: OpContext): Promise<RasterImage> {
  const s = net.scale;
  const width = raster.width * s;
  const height = raster.height * s;
  const size = width * height * raster.channels;
  const data = raster.bitDepth === 16 ? new Uint16Array(size) : new Uint8Array(size);
  const out: RasterImage = { ...raster, width, height, data, metadata: { ...raster.metadata } };
  // The tiles run over the image grown by its edges (edge-pad.ts); only the image's own rows are kept.
  await tileWithRetry(edgePaddedSource(rasterRgbSource(raster), EDGE_PAD), net, options, croppedSink(rasterRowSink(out), EDGE_PAD * s, width, height), ctx);
  const alpha = extractAlpha(raster);
  if (alpha) insertAlpha(out, await upscaleAlpha(alpha, raster.width, raster.height, s, raster.bitDepth));
  return out;
}

/**
 * Runs the tiler, shrinking tiles by 30% on out-of-memory until the minimum tile;
 * the run restarts from the top (sinks accept rewritten rows).
 */
export async function tileWithRetry(source: RgbSource, net: TileNet, options: TileSizeOptions & { tileSize?: number; overlap?: number }, sink: RowSink, ctx: OpContext): Promise<{ tile: number }> {
  const context = options.overlap ?? net.context;
  const feather = options.feather ?? defaultFeather(net, context);
  const floor = minimumTile(context, feather);
  let tile = Math.max(floor, options.tileSize ?? chooseTileSize({ ...net, context }, { ...options, feather }));
  for (;;) {
    try {
      // An explicit tileSize is taken as is (square); the automatic one is fitted to the image.
      const shape = options.tileSize !== undefined ? { tileWidth: tile, tileHeight: tile } : fitTiles(source.width, source.height, tile, context, feather);
      await runTiled(source, net, { tile: shape.tileWidth, tileHeight: shape.tileHeight, context, feather }, sink, ctx);
      return { tile };
    } catch (error) {
      if (!isOutOfMemory(error)) throw error;
      if (tile <= floor) throw LatentshopError.of('upscaleOutOfMemory', {});
      tile = Math.max(floor, Math.floor(tile * 0.7));
    }
  }
}

/** No cross-fade where the context is the exact receptive radius (tiles then agree exactly). */
export function defaultFeather(net: Pick<TileNet, 'context' | 'exact'>, context = net.context): number {
  return net.exact === true && context >= net.context ? 0 : DEFAULT_FEATHER;
}
