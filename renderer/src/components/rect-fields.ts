/** A rectangle of image pixels, as the Edit and Super-res panels keep their regions. */
export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * A typed rectangle made valid: whole pixels, inside the image, at least 1 × 1 (a field left
 * empty or not a number keeps its old value). The whole image comes back as null, which the
 * panels read as "no region".
 */
export function clampRect(typed: Partial<Record<keyof PixelRect, number>>, old: PixelRect, image: { width: number; height: number }): PixelRect | null {
  const pick = (key: keyof PixelRect): number => {
    const value = typed[key];
    return value !== undefined && Number.isFinite(value) ? Math.round(value) : old[key];
  };
  const x = Math.min(Math.max(0, pick('x')), image.width - 1);
  const y = Math.min(Math.max(0, pick('y')), image.height - 1);
  const width = Math.min(Math.max(1, pick('width')), image.width - x);
  const height = Math.min(Math.max(1, pick('height')), image.height - y);
  return x === 0 && y === 0 && width === image.width && height === image.height ? null : { x, y, width, height };
}
