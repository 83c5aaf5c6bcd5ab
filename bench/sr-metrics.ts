import * as tf from '@tensorflow/tfjs';

/** Luma (BT.601) of interleaved RGB, cropping `border` pixels (SR papers' convention). */
export function luma(rgb: ArrayLike<number>, width: number, height: number, border: number): { y: Float64Array; w: number; h: number } {
  const w = width - 2 * border;
  const h = height - 2 * border;
  const y = new Float64Array(w * h);
  for (let r = 0; r < h; r += 1) {
    for (let c = 0; c < w; c += 1) {
      const i = ((r + border) * width + c + border) * 3;
      y[r * w + c] = 0.299 * rgb[i]! + 0.587 * rgb[i + 1]! + 0.114 * rgb[i + 2]!;
    }
  }
  return { y, w, h };
}

export function psnr(a: Float64Array, b: Float64Array): number {
  let se = 0;
  for (let i = 0; i < a.length; i += 1) se += (a[i]! - b[i]!) ** 2;
  return 10 * Math.log10((255 * 255) / (se / a.length));
}

/** Mean SSIM over 7×7 windows with stride 2 (skimage's window, constants of Wang et al.). */
export function ssim(a: Float64Array, b: Float64Array, w: number, h: number): number {
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let total = 0;
  let count = 0;
  for (let y0 = 0; y0 + 7 <= h; y0 += 2) {
    for (let x0 = 0; x0 + 7 <= w; x0 += 2) {
      let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (let y = y0; y < y0 + 7; y += 1) {
        for (let x = x0; x < x0 + 7; x += 1) {
          const p = a[y * w + x]!;
          const q = b[y * w + x]!;
          sa += p; sb += q; saa += p * p; sbb += q * q; sab += p * q;
        }
      }
      const n = 49;
      const ma = sa / n, mb = sb / n;
      const va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      count += 1;
    }
  }
  return total / count;
}

/** GFLOP/s of a 1024³ matmul on the current backend: the ceiling conv layers can reach. */
export async function matmulGflops(repeats = 5): Promise<number> {
  const a = tf.randomNormal([1024, 1024]);
  const b = tf.randomNormal([1024, 1024]);
  // Braces matter: tidy walks a returned value, and walking a 1M-element array takes seconds.
  tf.tidy(() => {
    tf.matMul(a, b).dataSync();
  }); // warm-up
  const t0 = performance.now();
  for (let i = 0; i < repeats; i += 1) tf.tidy(() => void tf.matMul(a, b).dataSync());
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([a, b]);
  return (2 * 1024 ** 3 * repeats) / seconds / 1e9;
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** maxAbsDiff of two interleaved RGB images `width` pixels wide, leaving out `border` pixels on every side. */
export function maxAbsDiffInside(a: ArrayLike<number>, b: ArrayLike<number>, width: number, border: number): number {
  const height = a.length / (width * 3);
  let max = 0;
  for (let y = border; y < height - border; y += 1) {
    for (let i = (y * width + border) * 3; i < (y * width + width - border) * 3; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  }
  return max;
}

/** GFLOP/s of a 3×3 64→64 conv on 128² (ESRGAN's main layer shape) on the current backend. */
export async function conv3x3Gflops(repeats = 5): Promise<number> {
  const x = tf.randomNormal([1, 128, 128, 64]) as tf.Tensor4D;
  const f = tf.randomNormal([3, 3, 64, 64]) as tf.Tensor4D;
  tf.tidy(() => void tf.conv2d(x, f, 1, 'same').dataSync());
  const t0 = performance.now();
  for (let i = 0; i < repeats; i += 1) tf.tidy(() => void tf.conv2d(x, f, 1, 'same').dataSync());
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([x, f]);
  return (2 * 9 * 64 * 64 * 128 * 128 * repeats) / seconds / 1e9;
}
