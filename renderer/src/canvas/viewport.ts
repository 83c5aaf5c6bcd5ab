import type { TMat2D } from 'fabric';

/** Pure viewport maths, kept apart from Fabric objects so it is unit-testable in Node. */
export const MIN_ZOOM = 0.01;
export const MAX_ZOOM = 64;
/** Breathing room around a fitted image, in screen pixels. */
export const FIT_PADDING = 24;

export interface Size {
  width: number;
  height: number;
}

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) return 1;
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Zoom that fits the whole image in the view with padding (upscales small images too). */
export function fitZoom(image: Size, view: Size, padding = FIT_PADDING): number {
  if (image.width <= 0 || image.height <= 0) return 1;
  const w = Math.max(1, view.width - 2 * padding);
  const h = Math.max(1, view.height - 2 * padding);
  return clampZoom(Math.min(w / image.width, h / image.height));
}

/** A viewport transform that shows the image centred at the given zoom. */
export function centredTransform(zoom: number, image: Size, view: Size): TMat2D {
  const x = (view.width - image.width * zoom) / 2;
  const y = (view.height - image.height * zoom) / 2;
  return [zoom, 0, 0, zoom, Math.round(x), Math.round(y)];
}

/**
 * Next zoom for a wheel step. Exponential in deltaY so trackpads (many small deltas)
 * and mouse wheels (few large ones) feel the same.
 */
export function wheelZoom(zoom: number, deltaY: number, deltaMode = 0): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return clampZoom(zoom * Math.pow(0.998, pixels));
}
