import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled, type OpContext } from '../context';

/** A generator as GAN-prior SR needs it: z[latentSize] → H×W×C in `range`. */
export interface LatentGenerator {
  model: tf.LayersModel;
  latentSize: number;
  range: [number, number];
  width: number;
  height: number;
  channels: number;
}

export interface GanPriorOptions {
  /** Adam steps. Default 200. */
  steps?: number;
  /** Random starts optimised together as one batch; the best is kept. Default 4. */
  restarts?: number;
  /** Weight of the latent-norm prior (‖z‖²/d − 1)², which keeps z on the shell where N(0, I) samples live. Default 0.01. */
  priorWeight?: number;
  learningRate?: number;
  seed?: number;
}

export interface GanPriorResult {
  /** G(z*) at its own size, interleaved, on 0–1. */
  image: Float32Array;
  z: Float32Array;
  /** RMSE (0–1 units) of area-downscaled G(z) vs the low-resolution input, before and after. */
  initialRmse: number;
  consistencyRmse: number;
  steps: number;
}

/** Area-resampling weights (rows: output pixels, columns: input pixels); each row sums to 1. */
export function areaMatrix(outLength: number, inLength: number): Float32Array {
  const m = new Float32Array(outLength * inLength);
  const step = inLength / outLength;
  for (let i = 0; i < outLength; i += 1) {
    const a = i * step;
    const b = a + step;
    for (let p = Math.floor(a); p < Math.min(inLength, Math.ceil(b)); p += 1) m[i * inLength + p] = (Math.min(b, p + 1) - Math.max(a, p)) / step;
  }
  return m;
}

/**
 * PULSE-style inversion of a low-resolution image `lr` (lrH×lrW×C on 0–1): Adam on z so that
 * the area-downscaled G(z) matches it. The downscale is two small matrix products, so the
 * gradient is plain matmul, and through G only Conv2DBackpropInput is needed (present on wasm).
 */
export async function invertLowRes(lr: Float32Array, lrWidth: number, lrHeight: number, gen: LatentGenerator, options: GanPriorOptions, ctx: OpContext): Promise<GanPriorResult> {
  const steps = options.steps ?? 200;
  const starts = options.restarts ?? 4;
  const lambda = options.priorWeight ?? 0.01;
  const { width: W, height: H, channels: C, latentSize: d } = gen;
  const [lo, hi] = gen.range;
  const ah = tf.tidy(() => tf.tensor2d(areaMatrix(lrHeight, H), [lrHeight, H]).transpose());
  const aw = tf.tidy(() => tf.tensor2d(areaMatrix(lrWidth, W), [lrWidth, W]).transpose());
  const target = tf.tensor4d(lr, [1, lrHeight, lrWidth, C]);
  const start = tf.randomNormal([starts, d], 0, 1, 'float32', options.seed ?? 1);
  const z = tf.variable(start);
  start.dispose();
  const optimizer = tf.train.adam(options.learningRate ?? 0.05);
  // G(z) → 0–1 → area-downscaled to lrH×lrW: [starts, lrH, lrW, C].
  const down = (latent: tf.Tensor): tf.Tensor4D => {
    const g = (gen.model.apply(latent, { training: false }) as tf.Tensor).sub(lo).div(hi - lo);
    const byRow = g.transpose([0, 3, 1, 2]).reshape([starts * C * H, W]).matMul(aw); // along x
    const cols = byRow.reshape([starts * C, H, lrWidth]).transpose([0, 2, 1]).reshape([starts * C * lrWidth, H]).matMul(ah); // along y
    return cols.reshape([starts, C, lrWidth, lrHeight]).transpose([0, 3, 2, 1]) as tf.Tensor4D;
  };
  const perStartMse = (latent: tf.Tensor): tf.Tensor1D => down(latent).sub(target).square().mean([1, 2, 3]) as tf.Tensor1D;
  try {
    const initial = Math.sqrt(Math.min(...readAndDispose(tf.tidy(() => perStartMse(z)))));
    for (let step = 0; step < steps; step += 1) {
      // A step takes ~30–120 ms on wasm: checking every 4 keeps cancel well under a second.
      if (step % 4 === 0) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        throwIfCancelled(ctx.signal);
        ctx.progress(step / steps, 'optimize');
      }
      tf.tidy(() => {
        optimizer.minimize(() => {
          const prior = z.square().sum(1).div(d).sub(1).square();
          return perStartMse(z).add(prior.mul(lambda)).sum() as tf.Scalar;
        }, false, [z]);
      });
    }
    const mse = readAndDispose(tf.tidy(() => perStartMse(z)));
    const best = mse.indexOf(Math.min(...mse));
    const zBest = tf.tidy(() => z.slice([best, 0], [1, d]));
    const image = tf.tidy(() => (gen.model.apply(zBest, { training: false }) as tf.Tensor).sub(lo).div(hi - lo).clipByValue(0, 1));
    const result: GanPriorResult = { image: (await image.data()) as Float32Array, z: (await zBest.data()) as Float32Array, initialRmse: initial, consistencyRmse: Math.sqrt(mse[best]!), steps };
    tf.dispose([image, zBest]);
    ctx.progress(1, 'optimize');
    return result;
  } finally {
    tf.dispose([ah, aw, target, z]);
    optimizer.dispose();
  }
}

function readAndDispose(t: tf.Tensor): Float32Array {
  const data = t.dataSync() as Float32Array;
  t.dispose();
  return data;
}
