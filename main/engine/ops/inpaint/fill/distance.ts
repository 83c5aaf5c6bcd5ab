/**
 * Chamfer (1, √2) distance from each hole pixel to the nearest known pixel; 0 outside
 * the hole. Wexler et al. 2007 (§3.2) weight votes by γ^-distance, since pixels deep
 * in the hole are the least trustworthy; it also sizes the pyramid.
 */
export function holeDistance(hole: Uint8Array, w: number, h: number): Float32Array {
  const far = w + h;
  const d = new Float32Array(w * h);
  for (let i = 0; i < d.length; i++) d[i] = hole[i] === 0 ? 0 : far;
  const diag = Math.SQRT2;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = y * w + x;
      if (d[p] === 0) continue;
      let v = d[p]!;
      if (x > 0) v = Math.min(v, d[p - 1]! + 1);
      if (y > 0) {
        v = Math.min(v, d[p - w]! + 1);
        if (x > 0) v = Math.min(v, d[p - w - 1]! + diag);
        if (x < w - 1) v = Math.min(v, d[p - w + 1]! + diag);
      }
      d[p] = v;
    }
  }
  for (let y = h - 1; y >= 0; y--) {
    for (let x = w - 1; x >= 0; x--) {
      const p = y * w + x;
      if (d[p] === 0) continue;
      let v = d[p]!;
      if (x < w - 1) v = Math.min(v, d[p + 1]! + 1);
      if (y < h - 1) {
        v = Math.min(v, d[p + w]! + 1);
        if (x < w - 1) v = Math.min(v, d[p + w + 1]! + diag);
        if (x > 0) v = Math.min(v, d[p + w - 1]! + diag);
      }
      d[p] = v;
    }
  }
  return d;
}

/** The largest distance inside the hole: half the hole's "thickness". */
export function maxDistance(d: Float32Array): number {
  let m = 0;
  for (let i = 0; i < d.length; i++) if (d[i]! > m) m = d[i]!;
  return m;
}
