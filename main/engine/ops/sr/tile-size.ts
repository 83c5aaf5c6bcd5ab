import type { TileNet } from './tile-net';

/** Default memory the tile's activations may use (the engine may pass its own budget). */
export const DEFAULT_MEMORY_BUDGET = 512 * 1024 * 1024;
/**
 * FLOPs per interactive tile: ~0.4 s at the ~20 GFLOP/s wasm reaches on one core (DESIGN §8),
 * so progress moves often (≈130² slim and ≈75² medium tiles). Cancel no longer depends on
 * it: tiles run layer by layer and check the signal every ~60 ms (stepped.ts), which is
 * what lets thick (≥ 1.4 s per tile even at 44²) cancel within a second without a restart.
 */
export const DEFAULT_TILE_FLOPS = 8e9;
/**
 * FLOPs per tile where nobody waits on cancel (CLI, bench): bigger tiles, less overlap.
 * Measured on one wasm core (slim, coffee 600×400 ×2): 8e9 → 1.25×, 25e9 → 1.13×, 60e9 →
 * 1.00× the untiled time. The memory budget caps it (slim ×2: 337² tiles at 512 MB).
 */
export const THROUGHPUT_TILE_FLOPS = 60e9;
export const DEFAULT_FEATHER = 4;

export interface TileSizeOptions {
  memoryBudget?: number;
  tileFlops?: number;
  feather?: number;
}

/**
 * Square tile side in input pixels: as big as the time budget allows, but at least
 * 6× the context (else the overlap dominates the work) and never over the memory budget.
 */
export function chooseTileSize(net: Pick<TileNet, 'context' | 'flopsPerPixel' | 'bytesPerPixel'>, options: TileSizeOptions = {}): number {
  const feather = options.feather ?? DEFAULT_FEATHER;
  const byTime = Math.floor(Math.sqrt((options.tileFlops ?? DEFAULT_TILE_FLOPS) / net.flopsPerPixel));
  const byMemory = Math.floor(Math.sqrt((options.memoryBudget ?? DEFAULT_MEMORY_BUDGET) / net.bytesPerPixel));
  const useful = Math.max(6 * net.context, 2 * net.context + feather + 32);
  return Math.max(minimumTile(net.context, feather), Math.min(Math.max(byTime, useful), byMemory));
}

/** The smallest tile that still advances: one valid pixel per step. */
export function minimumTile(context: number, feather: number): number {
  return 2 * context + feather + 8;
}

/**
 * Tile shape for one image: the fewest executed pixels (overlap included) among tile
 * grids whose tile area fits side², so small images run as one tile (no overlap at
 * all) and tiles shrink to fit instead of overhanging. All tiles keep one shape. With
 * `workers` bands of tile rows, the busiest band's pixels count first (3 rows on 2
 * workers idle one of them a third of the time), then the total.
 */
export function fitTiles(width: number, height: number, side: number, context: number, feather: number, workers = 1): { tileWidth: number; tileHeight: number } {
  const area = side * side;
  const margin = 2 * context + feather;
  const floor = minimumTile(context, feather);
  const lengths = (length: number): number[] => {
    const out: number[] = [];
    for (let n = 1; n <= Math.ceil(length / Math.max(1, floor - margin)) + 1; n += 1) {
      const t = n === 1 ? length : Math.ceil((length + (n - 1) * margin) / n);
      if (t < Math.min(length, floor)) break;
      out.push(t, n);
    }
    return out;
  };
  const xs = lengths(width);
  const ys = lengths(height);
  let best = { tileWidth: Math.min(width, side), tileHeight: Math.min(height, side), span: Infinity, cost: Infinity };
  for (let i = 0; i < xs.length; i += 2) {
    for (let j = 0; j < ys.length; j += 2) {
      const tw = xs[i]!, nx = xs[i + 1]!, th = ys[j]!, ny = ys[j + 1]!;
      const cost = nx * ny * tw * th;
      const span = nx * Math.ceil(ny / Math.max(1, workers)) * tw * th;
      const better = span < best.span || (span === best.span && cost < best.cost);
      if (tw * th <= area && better) best = { tileWidth: tw, tileHeight: th, span, cost };
    }
  }
  return { tileWidth: best.tileWidth, tileHeight: best.tileHeight };
}
