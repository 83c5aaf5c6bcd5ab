import type { SrRegion } from '../../../../preload/contract';

export interface Point {
  x: number;
  y: number;
}

/** The whole-pixel rectangle spanned by two drag points, clamped to the image; null when it is empty. */
export function rectFromPoints(a: Point, b: Point, size: { width: number; height: number }): SrRegion | null {
  const clampX = (v: number): number => Math.min(size.width, Math.max(0, v));
  const clampY = (v: number): number => Math.min(size.height, Math.max(0, v));
  const x0 = Math.floor(clampX(Math.min(a.x, b.x)));
  const y0 = Math.floor(clampY(Math.min(a.y, b.y)));
  const x1 = Math.ceil(clampX(Math.max(a.x, b.x)));
  const y1 = Math.ceil(clampY(Math.max(a.y, b.y)));
  if (x1 - x0 < 2 || y1 - y0 < 2) return null;
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The crop a quick preview runs on: `side`² (or the image, if smaller) centred on `centre`,
 * moved inside the image.
 */
export function previewCrop(centre: Point, size: { width: number; height: number }, side = 128): SrRegion {
  const width = Math.min(side, size.width);
  const height = Math.min(side, size.height);
  const x = Math.round(Math.min(size.width - width, Math.max(0, centre.x - width / 2)));
  const y = Math.round(Math.min(size.height - height, Math.max(0, centre.y - height / 2)));
  return { x, y, width, height };
}

/** The centre of a region, or of the image when there is none. */
export function centreOf(region: SrRegion | null, size: { width: number; height: number }): Point {
  return region ? { x: region.x + region.width / 2, y: region.y + region.height / 2 } : { x: size.width / 2, y: size.height / 2 };
}

/** The image point under the view's centre, from Fabric's viewport transform [a, b, c, d, e, f]. */
export function viewCentre(transform: readonly number[], view: { width: number; height: number }): Point {
  const zoom = transform[0] || 1;
  return { x: (view.width / 2 - (transform[4] ?? 0)) / zoom, y: (view.height / 2 - (transform[5] ?? 0)) / zoom };
}
