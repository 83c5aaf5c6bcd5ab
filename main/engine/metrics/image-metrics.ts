import { maskBox } from '../io/mask-box';

/** Interleaved pixels, as a RasterImage has them (any bit depth: give `peak`). */
export interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

export interface MetricOptions {
  /** Only pixels where this is nonzero count (one byte per pixel). Default: all pixels. */
  mask?: Uint8Array;
  /** The largest pixel value: 255 for 8-bit (default), 65535 for 16-bit. */
  peak?: number;
}

/** Peak signal-to-noise ratio in dB over the (masked) samples; Infinity when identical. */
export function psnr(a: Pixels, b: Pixels, opts: MetricOptions = {}): number {
  checkSame(a, b);
  const peak = opts.peak ?? 255;
  const c = a.channels;
  let sum = 0;
  let n = 0;
  for (let p = 0; p < a.width * a.height; p++) {
    if (opts.mask && opts.mask[p] === 0) continue;
    for (let k = 0; k < c; k++) {
      const d = a.data[p * c + k]! - b.data[p * c + k]!;
      sum += d * d;
    }
    n += c;
  }
  if (n === 0) throw new Error('psnr: the mask selects no pixels');
  return sum === 0 ? Infinity : 10 * Math.log10((peak * peak) / (sum / n));
}

const RADIUS = 5;
const SIGMA = 1.5;

/**
 * Mean SSIM (Wang et al. 2004: 11×11 Gaussian window, σ = 1.5, K1 = 0.01, K2 = 0.03)
 * per channel, averaged over channels and over the (masked) pixels. Statistics are
 * computed on the mask's bounding box plus the window radius only, so a small hole
 * in a large photo stays cheap.
 */
export function ssim(a: Pixels, b: Pixels, opts: MetricOptions = {}): number {
  checkSame(a, b);
  const peak = opts.peak ?? 255;
  const c1 = (0.01 * peak) ** 2;
  const c2 = (0.03 * peak) ** 2;
  const box = opts.mask ? maskBox(opts.mask, a.width, a.height, RADIUS) : { x0: 0, y0: 0, x1: a.width, y1: a.height };
  if (box === undefined) throw new Error('ssim: the mask selects no pixels');
  const { x0, y0 } = box;
  const w = box.x1 - x0;
  const h = box.y1 - y0;
  const kernel = gaussian();
  let total = 0;
  let n = 0;
  const planes = ['a', 'b', 'aa', 'bb', 'ab'].map(() => new Float64Array(w * h));
  for (let k = 0; k < a.channels; k++) {
    const [pa, pb, paa, pbb, pab] = planes as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = ((y0 + y) * a.width + x0 + x) * a.channels + k;
        const u = a.data[i]!;
        const v = b.data[i]!;
        const o = y * w + x;
        pa[o] = u;
        pb[o] = v;
        paa[o] = u * u;
        pbb[o] = v * v;
        pab[o] = u * v;
      }
    }
    for (const plane of planes) blur(plane, w, h, kernel);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (opts.mask && opts.mask[(y0 + y) * a.width + x0 + x] === 0) continue;
        const o = y * w + x;
        const ma = pa[o]!;
        const mb = pb[o]!;
        const va = paa[o]! - ma * ma;
        const vb = pbb[o]! - mb * mb;
        const cov = pab[o]! - ma * mb;
        total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        n++;
      }
    }
  }
  return total / n;
}

function checkSame(a: Pixels, b: Pixels): void {
  if (a.width !== b.width || a.height !== b.height || a.channels !== b.channels) {
    throw new Error(`metrics: images differ in shape (${a.width}×${a.height}×${a.channels} vs ${b.width}×${b.height}×${b.channels})`);
  }
}

function gaussian(): Float64Array {
  const k = new Float64Array(2 * RADIUS + 1);
  for (let i = -RADIUS; i <= RADIUS; i++) k[i + RADIUS] = Math.exp(-(i * i) / (2 * SIGMA * SIGMA));
  const sum = k.reduce((s, v) => s + v, 0);
  return k.map((v) => v / sum);
}

/** Separable Gaussian blur in place; at the borders the kernel is renormalised over the pixels that exist. */
function blur(plane: Float64Array, w: number, h: number, k: Float64Array): void {
  const tmp = new Float64Array(plane.length);
  const passes = [[w, h, w, 1], [h, w, 1, w]] as const;
  for (const [pass, [len, count, stride, step]] of passes.entries()) {
    const src = pass === 0 ? plane : tmp;
    const dst = pass === 0 ? tmp : plane;
    for (let line = 0; line < count; line++) {
      const base = line * stride;
      for (let i = 0; i < len; i++) {
        let s = 0;
        let ws = 0;
        for (let j = Math.max(0, i - RADIUS); j <= Math.min(len - 1, i + RADIUS); j++) {
          const kw = k[j - i + RADIUS]!;
          s += kw * src[base + j * step]!;
          ws += kw;
        }
        dst[base + i * step] = s / ws;
      }
    }
  }
}
