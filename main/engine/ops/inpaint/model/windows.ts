import type { Box } from '../../../io/mask-box';

/** A square crop of the image around one hole; it may reach past the image's edges (padded). */
export interface HoleWindow {
  /** The hole whose masked pixels this window fills. */
  hole: Box;
  /** Top-left corner in image pixels (may be negative when the window is larger than the image). */
  x: number;
  y: number;
  /** Side in image pixels; scaled to the network's input side when they differ. */
  side: number;
}

/** Context around a hole, as a share of its larger side: a net needs to see what surrounds it. */
const CONTEXT_FACTOR = 0.5;
const MIN_CONTEXT = 16;

/**
 * One window per hole: the hole's box plus context, at least the network's input side (so
 * small holes run at native resolution and bigger ones are scaled down), kept inside the
 * image where it fits, so the net sees real pixels rather than padding.
 */
export function holeWindows(holes: Box[], width: number, height: number, netSide: number): HoleWindow[] {
  return holes.map((hole) => {
    const extent = Math.max(hole.x1 - hole.x0, hole.y1 - hole.y0);
    const context = Math.max(MIN_CONTEXT, Math.ceil(extent * CONTEXT_FACTOR));
    const side = Math.max(netSide, extent + 2 * context);
    const x = place((hole.x0 + hole.x1) / 2, side, width);
    const y = place((hole.y0 + hole.y1) / 2, side, height);
    return { hole, x, y, side };
  });
}

/** Start of a span of `side` centred on `centre`, shifted to lie within [0, limit) when it can. */
function place(centre: number, side: number, limit: number): number {
  if (side >= limit) return Math.floor((limit - side) / 2);
  return Math.min(limit - side, Math.max(0, Math.round(centre - side / 2)));
}
