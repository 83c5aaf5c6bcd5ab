import type { Rect, Stroke } from '../../../preload/contract/latent';
import { UsageError } from '../args';

interface Size {
  width: number;
  height: number;
}

/**
 * The engine clamps a region into the image (the app's selection always overlaps it), so a
 * region wholly outside would become a 1-pixel sliver at the edge and be inverted without a
 * word. On the command line that is a typo in --region: refused, with the image's size.
 */
export function checkRegion(image: Size, region: Rect | undefined, file: string): void {
  if (!region) return;
  const overlaps = region.x < image.width && region.y < image.height && region.x + region.width > 0 && region.y + region.height > 0;
  if (!overlaps) {
    const { x, y, width, height } = region;
    throw new UsageError(`--region ${x},${y},${width},${height} lies outside ${file}, which is ${image.width}×${image.height} pixels`);
  }
}

/** Strokes that all miss the image constrain nothing: the run would only re-render the inversion. */
export function checkStrokes(image: Size, strokes: Stroke[], strokesFile: string, file: string): void {
  if (strokes.some((s) => strokeTouches(image, s))) return;
  throw new UsageError(`every stroke in ${strokesFile} lies outside ${file}, which is ${image.width}×${image.height} pixels (strokes are in photo pixels)`);
}

/** Whether the brush (a square of side `size`, a little generous at corners) along the polyline meets the image. */
function strokeTouches(image: Size, stroke: Stroke): boolean {
  const r = stroke.size / 2;
  const box = { x0: -r, y0: -r, x1: image.width + r, y1: image.height + r };
  const points = stroke.points;
  if (points.length === 1) return segmentMeetsBox(points[0]!, points[0]!, box);
  return points.slice(1).some((p, i) => segmentMeetsBox(points[i]!, p, box));
}

type Point = { x: number; y: number };

/** Liang–Barsky: does segment a→b pass through the box? */
function segmentMeetsBox(a: Point, b: Point, box: { x0: number; y0: number; x1: number; y1: number }): boolean {
  const [dx, dy] = [b.x - a.x, b.y - a.y];
  let [t0, t1] = [0, 1];
  const edges: [number, number][] = [[-dx, a.x - box.x0], [dx, box.x1 - a.x], [-dy, a.y - box.y0], [dy, box.y1 - a.y]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) t0 = Math.max(t0, t);
    else t1 = Math.min(t1, t);
    if (t0 > t1) return false;
  }
  return true;
}
