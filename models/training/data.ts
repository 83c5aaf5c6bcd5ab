/**
 * Fashion-MNIST from the Debian idx.gz files, padded 28→32 (G and D halve the
 * size three times) and scaled to [-1,1]: background 0 maps to -1, so padding is -1.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Rng } from './rng.js';

export const DEFAULT_DATA_DIR = '/usr/share/datasets/fashion-mnist';
export const SIDE = 32;
const PAD = 2;
export const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker',
  'Bag', 'Ankle boot'] as const;

export interface FashionSet {
  /** count × 32 × 32 bytes, 0 = background. Kept as bytes: 4× smaller than floats. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

/** Parses an idx file (magic 0x0801 labels / 0x0803 images) after gunzip. */
export function parseIdx(buf: Buffer): { dims: number[]; data: Uint8Array } {
  const magic = buf.readUInt32BE(0);
  const rank = magic & 0xff;
  if ((magic >>> 8) !== 0x08 || rank < 1 || rank > 3) throw new Error(`not an unsigned-byte idx file (magic ${magic})`);
  const dims = Array.from({ length: rank }, (_, i) => buf.readUInt32BE(4 + 4 * i));
  const offset = 4 + 4 * rank;
  const size = dims.reduce((a, b) => a * b, 1);
  if (buf.length < offset + size) throw new Error('idx file truncated');
  return { dims, data: new Uint8Array(buf.buffer, buf.byteOffset + offset, size) };
}

/** Loads 'train' (60k) or 't10k' (10k); `limit` keeps the first N (tests, smoke runs). */
export function loadFashion(split: 'train' | 't10k', dir = DEFAULT_DATA_DIR, limit = Infinity): FashionSet {
  const images = parseIdx(gunzipSync(readFileSync(join(dir, `${split}-images-idx3-ubyte.gz`))));
  const labels = parseIdx(gunzipSync(readFileSync(join(dir, `${split}-labels-idx1-ubyte.gz`))));
  const [n, h, w] = images.dims as [number, number, number];
  if (h !== 28 || w !== 28 || labels.dims[0] !== n) throw new Error('unexpected Fashion-MNIST shapes');
  const count = Math.min(n, limit);
  const pixels = new Uint8Array(count * SIDE * SIDE);
  for (let i = 0; i < count; i++) {
    for (let y = 0; y < 28; y++) {
      const src = images.data.subarray((i * 28 + y) * 28, (i * 28 + y + 1) * 28);
      pixels.set(src, i * SIDE * SIDE + (y + PAD) * SIDE + PAD);
    }
  }
  return { pixels, labels: labels.data.slice(0, count), count };
}

/** Images `idx` as NHWC float32 in [-1,1], ready for tf.tensor4d(out, [n,32,32,1]). */
export function toFloat(set: FashionSet, idx: ArrayLike<number>): Float32Array {
  const px = SIDE * SIDE;
  const out = new Float32Array(idx.length * px);
  for (let j = 0; j < idx.length; j++) {
    const base = idx[j]! * px;
    for (let k = 0; k < px; k++) out[j * px + k] = set.pixels[base + k]! / 127.5 - 1;
  }
  return out;
}

/**
 * Images `idx` as RGB in [-1, 1] (count × 32 × 32 × 3): each product's luminance times its
 * colour (RGB on 0–1), on black: the tinted Fashion-MNIST the `fashion-colour` family was
 * trained on (models/training/torch/train_colour_family.py).
 */
export function toTintedFloat(set: FashionSet, idx: ArrayLike<number>, colours: ArrayLike<readonly [number, number, number]>): Float32Array {
  const px = SIDE * SIDE;
  const out = new Float32Array(idx.length * px * 3);
  for (let j = 0; j < idx.length; j++) {
    const base = idx[j]! * px;
    const colour = colours[j]!;
    for (let k = 0; k < px; k++) for (let c = 0; c < 3; c++) out[(j * px + k) * 3 + c] = (set.pixels[base + k]! / 255) * colour[c]! * 2 - 1;
  }
  return out;
}

/**
 * Mean R, G, B of one RGB domain image (32 × 32 × 3, [-1, 1]) over the pixels where
 * `product` (its tinted source, same layout) is not background: a product's colour.
 */
export function productColour(image: Float32Array, product: Float32Array): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let p = 0; p < SIDE * SIDE; p++) {
    if (Math.max(product[p * 3]!, product[p * 3 + 1]!, product[p * 3 + 2]!) < -0.5) continue;
    for (let c = 0; c < 3; c++) sum[c] = sum[c]! + image[p * 3 + c]!;
    n++;
  }
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/** Uniformly sampled (with replacement) batch indices from the seeded RNG. */
export function sampleIndices(rng: Rng, count: number, batch: number): Int32Array {
  const idx = new Int32Array(batch);
  for (let i = 0; i < batch; i++) idx[i] = rng.int(count);
  return idx;
}
