/** E→G reconstruction quality: mean PSNR/SSIM over a set, on the 28×28 source area in [0,1]. */
import * as tf from '@tensorflow/tfjs';
import { type FashionSet, SIDE, toFloat } from '../training/data.js';
import { psnr, ssim, type Plane } from './image-quality.js';

const SRC = 28;
const PAD = (SIDE - SRC) / 2;

/** Crops the padding off (it is constant and would inflate both scores) and maps [-1,1] → [0,1]. */
function crop(pixels: Float32Array, index: number): Plane {
  const out = new Float64Array(SRC * SRC);
  const base = index * SIDE * SIDE;
  for (let y = 0; y < SRC; y++) {
    for (let x = 0; x < SRC; x++) {
      const v = (pixels[base + (y + PAD) * SIDE + x + PAD]! + 1) / 2;
      out[y * SRC + x] = Math.min(1, Math.max(0, v));
    }
  }
  return { data: out, width: SRC, height: SRC };
}

export interface ReconQuality { images: number; psnrDb: number; ssim: number; latentMse?: number }

export function reconstructionQuality(G: tf.LayersModel, E: tf.LayersModel, set: FashionSet, batch = 500): ReconQuality {
  let p = 0;
  let s = 0;
  for (let start = 0; start < set.count; start += batch) {
    const idx = Array.from({ length: Math.min(batch, set.count - start) }, (_, k) => start + k);
    const real = toFloat(set, idx);
    const rec = tf.tidy(() => G.predict(E.predict(tf.tensor4d(real, [idx.length, SIDE, SIDE, 1])) as tf.Tensor) as tf.Tensor);
    const recPx = rec.dataSync() as Float32Array;
    rec.dispose();
    for (let k = 0; k < idx.length; k++) {
      const a = crop(real, k);
      const b = crop(recPx, k);
      p += Math.min(psnr(a, b), 100);
      s += ssim(a, b);
    }
  }
  return { images: set.count, psnrDb: p / set.count, ssim: s / set.count };
}
