/**
 * PSNR and SSIM (Wang et al. 2004: 11×11 Gaussian window, σ = 1.5,
 * K1 = 0.01, K2 = 0.03) for single-channel images with values in [0, 1].
 */
export interface Plane { data: Float32Array | Float64Array; width: number; height: number }

export function psnr(a: Plane, b: Plane): number {
  let se = 0;
  for (let i = 0; i < a.data.length; i++) se += (a.data[i]! - b.data[i]!) ** 2;
  const mse = se / a.data.length;
  return mse === 0 ? Infinity : 10 * Math.log10(1 / mse);
}

function gaussianKernel(size: number, sigma: number): Float64Array {
  const k = new Float64Array(size);
  const c = (size - 1) / 2;
  let sum = 0;
  for (let i = 0; i < size; i++) { k[i] = Math.exp(-((i - c) ** 2) / (2 * sigma * sigma)); sum += k[i]!; }
  for (let i = 0; i < size; i++) k[i]! /= sum;
  return k;
}

/** Separable 'valid' Gaussian filter (as in the reference implementation: no padding). */
function filterValid(src: Float64Array, w: number, h: number, k: Float64Array): { out: Float64Array; w: number; h: number } {
  const n = k.length;
  const ow = w - n + 1;
  const oh = h - n + 1;
  const tmp = new Float64Array(ow * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += k[i]! * src[y * w + x + i]!;
      tmp[y * ow + x] = s;
    }
  }
  const out = new Float64Array(ow * oh);
  for (let y = 0; y < oh; y++) {
    for (let x = 0; x < ow; x++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += k[i]! * tmp[(y + i) * ow + x]!;
      out[y * ow + x] = s;
    }
  }
  return { out, w: ow, h: oh };
}

const KERNEL = gaussianKernel(11, 1.5);

/** Mean SSIM over all valid 11×11 windows. */
export function ssim(a: Plane, b: Plane): number {
  const { width: w, height: h } = a;
  const n = w * h;
  const x = Float64Array.from(a.data);
  const y = Float64Array.from(b.data);
  const xx = new Float64Array(n);
  const yy = new Float64Array(n);
  const xy = new Float64Array(n);
  for (let i = 0; i < n; i++) { xx[i] = x[i]! * x[i]!; yy[i] = y[i]! * y[i]!; xy[i] = x[i]! * y[i]!; }
  const [mx, my, sxx, syy, sxy] = [x, y, xx, yy, xy].map((p) => filterValid(p, w, h, KERNEL).out) as Float64Array[];
  const c1 = 0.01 ** 2;
  const c2 = 0.03 ** 2;
  let total = 0;
  for (let i = 0; i < mx!.length; i++) {
    const ux = mx![i]!;
    const uy = my![i]!;
    const vx = sxx![i]! - ux * ux;
    const vy = syy![i]! - uy * uy;
    const cxy = sxy![i]! - ux * uy;
    total += ((2 * ux * uy + c1) * (2 * cxy + c2)) / ((ux * ux + uy * uy + c1) * (vx + vy + c2));
  }
  return total / mx!.length;
}
