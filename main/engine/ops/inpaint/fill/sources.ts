/** Summed-area table of the hole, (w+1)×(h+1), so any window's hole count costs four reads. */
export function holeIntegral(hole: Uint8Array, w: number, h: number): Int32Array {
  const s = new Int32Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let run = 0;
    for (let x = 0; x < w; x++) {
      run += hole[y * w + x]!;
      s[(y + 1) * (w + 1) + x + 1] = s[y * (w + 1) + x + 1]! + run;
    }
  }
  return s;
}

function windowSum(s: Int32Array, w: number, x0: number, y0: number, x1: number, y1: number): number {
  const W = w + 1;
  return s[y1 * W + x1]! - s[y0 * W + x1]! - s[y1 * W + x0]! + s[y0 * W + x0]!;
}

/**
 * Source patches (Barnes et al. 2009 §3; Wexler et al. 2007 §3): centres whose whole
 * (2r+1)² patch lies inside the region and outside the hole. The one-pixel border of
 * invalid centres also makes index arithmetic safe: a shifted candidate that wraps a
 * row lands on an invalid centre and is rejected.
 */
export function validSources(integral: Int32Array, w: number, h: number, r: number): { valid: Uint8Array; count: number } {
  const valid = new Uint8Array(w * h);
  let count = 0;
  for (let y = r; y < h - r; y++) {
    for (let x = r; x < w - r; x++) {
      if (windowSum(integral, w, x - r, y - r, x + r + 1, y + r + 1) !== 0) continue;
      valid[y * w + x] = 1;
      count++;
    }
  }
  return { valid, count };
}

/** Target patch centres, in scan order: every pixel whose patch (clipped to the region) touches the hole. */
export function targetCentres(integral: Int32Array, w: number, h: number, r: number): Int32Array {
  const out: number[] = [];
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      if (windowSum(integral, w, Math.max(0, x - r), y0, Math.min(w, x + r + 1), y1) !== 0) out.push(y * w + x);
    }
  }
  return Int32Array.from(out);
}
