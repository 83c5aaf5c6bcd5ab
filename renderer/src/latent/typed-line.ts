import type { Rect } from '../../../preload/contract/latent';
import { appendPoint, type Point2, type Size2 } from './geometry';

/** A straight stroke typed as two ends, in photo pixels (the Paint panel's keyboard way to a stroke). */
export interface TypedLine {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The contract's cap on a stroke's points (strokeSchema): a long thin line must stay under it. */
const MAX_POINTS = 10_000;

/** A horizontal line across the middle of the region (the whole photo when there is none): a start to adjust. */
export function defaultLine(region: Rect | undefined, image: Size2): TypedLine {
  const r = region ?? { x: 0, y: 0, width: image.width, height: image.height };
  const y = Math.round(r.y + r.height / 2);
  return { x0: r.x, y0: y, x1: r.x + r.width, y1: y };
}

/**
 * A typed coordinate made valid: a whole pixel from 0 to the photo's side inclusive, as a drawn
 * stroke is clamped (clampToImage), so a line can reach the far edge. Not a number keeps the old value.
 */
export function clampCoord(typed: number, old: number, side: number): number {
  if (!Number.isFinite(typed)) return old;
  return Math.min(side, Math.max(0, Math.round(typed)));
}

/**
 * The line's points at the brush's own spacing (a quarter of its size, as PaintBrushTool drags).
 * The engine would rasterise two points as one segment, but the stroke eraser keeps or drops
 * strokes point by point, so a bare two-point line could not be erased in its middle.
 */
export function linePoints(line: TypedLine, size: number): Point2[] {
  const length = Math.hypot(line.x1 - line.x0, line.y1 - line.y0);
  const step = Math.max(1, size / 4, length / (MAX_POINTS - 1));
  return appendPoint([{ x: line.x0, y: line.y0 }], { x: line.x1, y: line.y1 }, step);
}
