/** A point in image pixels. */
export interface PixelPoint {
  x: number;
  y: number;
}

/** A rectangle in image pixels (integer, non-empty when w and h are > 0). */
export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The XOR of a region's alpha before and after an edit: applying it once more gives the other
 * state back, so one delta serves both undo and redo. Stored run-length encoded, because mask
 * edits change contiguous areas (a stroke's inside is one run per row, an invert one run in all);
 * a delta that would not shrink (noise) is kept raw.
 */
export interface AlphaDelta {
  readonly rect: PixelRect;
  /** Runs as `length << 8 | value`, or the raw bytes. */
  readonly data: Uint32Array | Uint8Array;
}

const MAX_RUN = 0xffffff;

/** Bytes a delta holds (for the history's memory budget). */
export function deltaBytes(delta: AlphaDelta): number {
  return delta.data.byteLength;
}

export function encodeDelta(rect: PixelRect, xor: Uint8Array): AlphaDelta {
  const runs: number[] = [];
  let i = 0;
  while (i < xor.length && runs.length * 4 < xor.length) {
    const value = xor[i]!;
    let end = i + 1;
    while (end < xor.length && xor[end] === value && end - i < MAX_RUN) end += 1;
    runs.push(((end - i) << 8) | value);
    i = end;
  }
  // `>>> 0` keeps lengths of 2^23 and more unsigned.
  return i < xor.length ? { rect, data: xor.slice() } : { rect, data: Uint32Array.from(runs, (r) => r >>> 0) };
}

/** The XOR bytes of a delta, as a new array the caller may change. */
export function decodeDelta(delta: AlphaDelta): Uint8Array {
  if (delta.data instanceof Uint8Array) return delta.data.slice();
  const out = new Uint8Array(delta.rect.w * delta.rect.h);
  let at = 0;
  for (const run of delta.data) {
    const length = run >>> 8;
    out.fill(run & 0xff, at, at + length);
    at += length;
  }
  return out;
}

/** The smallest rectangle (inside `rect`, in image pixels) holding every non-zero byte of `xor`; null when all are zero. */
export function tightRect(rect: PixelRect, xor: Uint8Array): PixelRect | null {
  let x0 = rect.w;
  let x1 = -1;
  let y0 = rect.h;
  let y1 = -1;
  for (let y = 0; y < rect.h; y += 1) {
    const row = y * rect.w;
    let first = -1;
    let last = -1;
    for (let x = 0; x < rect.w; x += 1) {
      if (xor[row + x] === 0) continue;
      if (first < 0) first = x;
      last = x;
    }
    if (first < 0) continue;
    x0 = Math.min(x0, first);
    x1 = Math.max(x1, last);
    y0 = Math.min(y0, y);
    y1 = y;
  }
  return x1 < 0 ? null : { x: rect.x + x0, y: rect.y + y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Copies `inner` (which lies inside `outer`) out of a buffer laid out as `outer`. */
export function crop(outer: PixelRect, data: Uint8Array, inner: PixelRect): Uint8Array {
  if (inner.w === outer.w && inner.h === outer.h) return data;
  const out = new Uint8Array(inner.w * inner.h);
  for (let y = 0; y < inner.h; y += 1) {
    const from = (inner.y - outer.y + y) * outer.w + (inner.x - outer.x);
    out.set(data.subarray(from, from + inner.w), y * inner.w);
  }
  return out;
}

/** The smallest rectangle holding `rect` (when there is one) and `other`. */
export function unionRect(rect: PixelRect | null, other: PixelRect): PixelRect {
  return growRect(rect, [{ x: other.x, y: other.y }, { x: other.x + other.w, y: other.y + other.h }], 0);
}

/** `rect` grown by `margin` on every side and cut to a width × height image (at least 1 × 1 inside it). */
export function grownWithin(rect: PixelRect, margin: number, width: number, height: number): PixelRect {
  const x = Math.min(width - 1, Math.max(0, rect.x - margin));
  const y = Math.min(height - 1, Math.max(0, rect.y - margin));
  const x1 = Math.max(x + 1, Math.min(width, rect.x + rect.w + margin));
  const y1 = Math.max(y + 1, Math.min(height, rect.y + rect.h + margin));
  return { x, y, w: x1 - x, h: y1 - y };
}

/** `rect` (or nothing) grown to hold every point with `pad` around it, on whole pixels. */
export function growRect(rect: PixelRect | null, points: readonly PixelPoint[], pad: number): PixelRect {
  let [x0, y0, x1, y1] = rect ? [rect.x, rect.y, rect.x + rect.w, rect.y + rect.h] : [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    x0 = Math.min(x0, Math.floor(p.x - pad));
    y0 = Math.min(y0, Math.floor(p.y - pad));
    x1 = Math.max(x1, Math.ceil(p.x + pad));
    y1 = Math.max(y1, Math.ceil(p.y + pad));
  }
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}
