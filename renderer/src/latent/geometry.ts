import type { TMat2D } from 'fabric';
import type { Rect } from '../../../preload/contract/latent';

/**
 * Pure coordinate maths for the latent tools. The canvas view draws the photo with one canvas
 * unit per photo pixel, so photo coordinates are the viewport transform's scene coordinates.
 */
export interface Point2 {
  x: number;
  y: number;
}

export interface Size2 {
  width: number;
  height: number;
}

/** Viewport (CSS pixels inside the canvas element) → photo pixels: the inverse of the viewport transform. */
export function viewportToPhoto(p: Point2, vpt: TMat2D): Point2 {
  const [a, b, c, d, e, f] = vpt;
  const det = a * d - b * c || 1;
  const x = p.x - e;
  const y = p.y - f;
  return { x: (d * x - c * y) / det, y: (a * y - b * x) / det };
}

/** Photo pixels → viewport CSS pixels (for placing DOM markers or measuring in screenshots). */
export function photoToViewport(p: Point2, vpt: TMat2D): Point2 {
  const [a, b, c, d, e, f] = vpt;
  return { x: a * p.x + c * p.y + e, y: b * p.x + d * p.y + f };
}

/** A photo rectangle → viewport CSS pixels. */
export function rectToViewport(r: Rect, vpt: TMat2D): Rect {
  const a = photoToViewport({ x: r.x, y: r.y }, vpt);
  const b = photoToViewport({ x: r.x + r.width, y: r.y + r.height }, vpt);
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}

/** Keeps a point on the photo, so strokes that leave the edge still constrain its border. */
export function clampToImage(p: Point2, size: Size2): Point2 {
  return { x: Math.min(size.width, Math.max(0, p.x)), y: Math.min(size.height, Math.max(0, p.y)) };
}

/**
 * Adds a pointer sample to a path at an even spacing: drops jitter closer than half a step and
 * fills gaps of fast drags, so erasing by point distance never misses a long segment.
 */
export function appendPoint(points: readonly Point2[], p: Point2, step: number): Point2[] {
  const last = points[points.length - 1];
  if (!last) return [{ x: p.x, y: p.y }];
  const dist = Math.hypot(p.x - last.x, p.y - last.y);
  if (dist < step / 2) return [...points];
  const out = [...points];
  const parts = Math.max(1, Math.ceil(dist / Math.max(step, 1e-6)));
  for (let i = 1; i <= parts; i += 1) {
    out.push({ x: last.x + ((p.x - last.x) * i) / parts, y: last.y + ((p.y - last.y) * i) / parts });
  }
  return out;
}

/** A rectangle from two drag corners, in whole photo pixels, clipped to the photo; null when too small to use. */
export function rectFromDrag(a: Point2, b: Point2, size: Size2, minSide = 4): Rect | null {
  const p = clampToImage(a, size);
  const q = clampToImage(b, size);
  const x = Math.floor(Math.min(p.x, q.x));
  const y = Math.floor(Math.min(p.y, q.y));
  const width = Math.ceil(Math.max(p.x, q.x)) - x;
  const height = Math.ceil(Math.max(p.y, q.y)) - y;
  return width >= minSide && height >= minSide ? { x, y, width, height } : null;
}

/** Distance from a point to a segment. */
export function distToSegment(p: Point2, a: Point2, b: Point2): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from a point to a polyline (a single point counts as a dot). */
export function distToPath(p: Point2, path: readonly Point2[]): number {
  if (path.length === 1 && path[0]) return Math.hypot(p.x - path[0].x, p.y - path[0].y);
  let best = Infinity;
  for (let i = 1; i < path.length; i += 1) {
    const a = path[i - 1];
    const b = path[i];
    if (a && b) best = Math.min(best, distToSegment(p, a, b));
  }
  return best;
}

/** Distance from a point to a rectangle (0 inside or on its edge). */
export function distToRect(p: Point2, r: Rect): number {
  const dx = Math.max(r.x - p.x, 0, p.x - (r.x + r.width));
  const dy = Math.max(r.y - p.y, 0, p.y - (r.y + r.height));
  return Math.hypot(dx, dy);
}

/** Whether a segment crosses a rectangle (Liang–Barsky clipping leaves some of it). */
export function segmentHitsRect(a: Point2, b: Point2, r: Rect): boolean {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  let t0 = 0;
  let t1 = 1;
  const sides: Array<[number, number]> = [[-dx, a.x - r.x], [dx, r.x + r.width - a.x], [-dy, a.y - r.y], [dy, r.y + r.height - a.y]];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return false; // Parallel to this side and outside it.
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}

/**
 * Whether a painted path whose dabs reach `radius` around it touches a rectangle at all. Apart
 * from a crossing, the nearest approach of a segment and a rectangle is at a segment end or a
 * corner (both are convex), so those are the only distances to check.
 */
export function pathTouchesRect(path: readonly Point2[], radius: number, r: Rect): boolean {
  const corners = [{ x: r.x, y: r.y }, { x: r.x + r.width, y: r.y }, { x: r.x, y: r.y + r.height }, { x: r.x + r.width, y: r.y + r.height }];
  for (let i = 0; i < path.length; i += 1) {
    const a = path[i];
    const b = path[i + 1] ?? a; // A lone point is a dab.
    if (!a || !b) continue;
    if (distToRect(a, r) <= radius || distToRect(b, r) <= radius || segmentHitsRect(a, b, r)) return true;
    if (corners.some((c) => distToSegment(c, a, b) <= radius)) return true;
  }
  return false;
}
