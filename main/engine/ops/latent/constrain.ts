import * as tf from '@tensorflow/tfjs';
import { Rng } from '../../../../models/training/rng';
import { throwIfCancelled } from '../context';
import { LatentAdam, yieldToEventLoop } from './adam';
import type { LatentFamily } from './family';
import { LUMA } from './polarity';
import type { StrokeMasks } from './strokes';

/**
 * λ2's default. Chosen on 80 held-out training images (rows 58 000–58 079) from hybrid codes, on the
 * bench's stroke tasks: against 0.02 it keeps the colour strokes' error fall (93 %) and halves the
 * share of results whose D leaves real images' 5th–95th percentile (39 % → 19 %), for a weaker
 * sketch response (edge error fall 54 % → 36 %). Hybrid's whitened codes fit the photo more closely,
 * and start nearer that percentile's edge, than the codes 0.02 was set on.
 */
export const DEFAULT_REALISM = 0.1;

export interface ConstrainOptions {
  /** λ1: weight of ‖z − z0‖² (sum over dimensions). Default 0.05. */
  stayClose?: number;
  /** λ2: weight of −D(G(z)) (logit). Default DEFAULT_REALISM (0.1). */
  realism?: number;
  /** K rows: the warm start itself, then starts around it. Default 4. */
  candidates?: number;
  iterations?: number;
  lr?: number;
  seed?: number;
  signal?: AbortSignal;
  /** After each step: the row that is best so far (for a preview) and its G(z). */
  onStep?(step: number, total: number, best: () => Float32Array): void | Promise<void>;
}

export interface ConstrainedLatent {
  z: Float32Array;
  constraintError: number;
  realism: number;
  objective: number;
}

export interface ConstrainOutcome {
  /** Best (lowest objective) first. */
  candidates: ConstrainedLatent[];
  constraintErrorBefore: number;
  realismBefore: number;
  ms: number;
  /** Wall time of the first optimisation step: how soon a first preview can appear. */
  firstStepMs: number;
  stepsPerSecond: number;
}

/** Differentiable Sobel gradient magnitude, normalised so a step of height h reads ~h. */
export function sobelMagnitude(x: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const kx = tf.tensor4d([-1, 0, 1, -2, 0, 2, -1, 0, 1], [3, 3, 1, 1]).div(4) as tf.Tensor4D;
    const ky = tf.tensor4d([-1, -2, -1, 0, 0, 0, 1, 2, 1], [3, 3, 1, 1]).div(4) as tf.Tensor4D;
    const gx = tf.conv2d(x, kx, 1, 'same');
    const gy = tf.conv2d(x, ky, 1, 'same');
    return gx.square().add(gy.square()).add(1e-6).sqrt() as tf.Tensor4D;
  });
}

/** Edge strength a sketch pixel asks for, in domain units (range 2: half a full step). */
const EDGE_TARGET = 0.5;

/** Rec. 709 luminance of colour images (grey ones as they are): sketch lines ask for edges in brightness. */
function luminance(x: tf.Tensor4D): tf.Tensor4D {
  if (x.shape[3] === 1) return x;
  return tf.conv2d(x, tf.tensor4d([...LUMA], [1, 1, 3, 1]), 1, 'valid');
}

/** The parts of iGAN's objective, per row: U (colour + edge) and D's logit. */
export function constraintTerms(fam: LatentFamily, z: tf.Tensor, masks: StrokeMasks): { u: tf.Tensor1D; d: tf.Tensor1D } {
  const { width, height } = masks;
  const { channels } = fam.domain;
  const x = fam.generate(z);
  const cm = tf.tensor4d(masks.colourMask, [1, height, width, 1]);
  const ct = tf.tensor4d(masks.colourTarget, [1, height, width, channels]);
  const sm = tf.tensor4d(masks.sketchMask, [1, height, width, 1]);
  const perRow = (t: tf.Tensor): tf.Tensor1D => t.reshape([t.shape[0]!, -1]).sum(1) as tf.Tensor1D;
  // A mean over the channels too, so λ1 and λ2 weigh the same for grey and colour families.
  const colour = perRow(x.sub(ct).square().mul(cm)).div(Math.max(1, sum(masks.colourMask)) * channels);
  const edges = perRow(tf.relu(tf.sub(EDGE_TARGET, sobelMagnitude(luminance(x)))).square().mul(sm)).div(Math.max(1, sum(masks.sketchMask)));
  return { u: colour.add(edges) as tf.Tensor1D, d: fam.discriminate(x) };
}

/**
 * z* = argmin U(G(z)) + λ1‖z − z0‖² − λ2·D(G(z)), by Adam from K starts (row 0: the warm
 * start, the others: the warm start + 0.5·noise), all rows in one batch.
 */
export async function constrainLatent(fam: LatentFamily, z0: ArrayLike<number>, start: ArrayLike<number>, masks: StrokeMasks, opts: ConstrainOptions = {}): Promise<ConstrainOutcome> {
  const t0 = performance.now();
  const L = fam.latentSize;
  const K = opts.candidates ?? 4;
  const iterations = opts.iterations ?? 60;
  const [l1, l2, lr] = [opts.stayClose ?? 0.05, opts.realism ?? DEFAULT_REALISM, opts.lr ?? 0.1];
  const noise = new Rng(opts.seed ?? 1).normals(K * L);
  const init = new Float32Array(K * L);
  for (let r = 0; r < K; r += 1) for (let j = 0; j < L; j += 1) init[r * L + j] = Number(start[j] ?? 0) + (r === 0 ? 0 : 0.5 * (noise[r * L + j] ?? 0));
  const anchor = tf.tensor2d(Array.from(z0, Number), [1, L]);
  let z: tf.Tensor = tf.tensor2d(init, [K, L]);
  const adam = new LatentAdam([K, L]);
  const objective = (zz: tf.Tensor): { total: tf.Tensor1D; u: tf.Tensor1D; d: tf.Tensor1D } => {
    const { u, d } = constraintTerms(fam, zz, masks);
    const total = u.add(zz.sub(anchor).square().sum(1).mul(l1)).sub(d.mul(l2)) as tf.Tensor1D;
    return { total, u, d };
  };
  let firstStepMs = 0;
  try {
    const before = tf.tidy(() => {
      const { u, d } = constraintTerms(fam, anchor, masks);
      return [u.dataSync()[0] ?? 0, d.dataSync()[0] ?? 0];
    });
    let rowTotals: Float32Array<ArrayBufferLike> = new Float32Array(K);
    for (let step = 0; step < iterations; step += 1) {
      if (opts.signal) throwIfCancelled(opts.signal);
      const grad = tf.tidy(() =>
        tf.grad((zz: tf.Tensor) => {
          const { total } = objective(zz);
          rowTotals = total.dataSync() as Float32Array;
          return total.sum();
        })(z),
      );
      const next = adam.step(z, grad, lr);
      tf.dispose([z, grad]);
      z = next;
      if (step === 0) firstStepMs = performance.now() - t0;
      const bestRow = argMin(rowTotals);
      await opts.onStep?.(step + 1, iterations, () => tf.tidy(() => fam.generate(z.slice([bestRow, 0], [1, L])).dataSync() as Float32Array).slice());
      await yieldToEventLoop();
    }
    const candidates = tf.tidy(() => {
      const { total, u, d } = objective(z);
      const [tv, uv, dv, zv] = [total.dataSync(), u.dataSync(), d.dataSync(), z.dataSync()];
      return Array.from({ length: K }, (_, r) => ({ z: Float32Array.from(zv.subarray(r * L, (r + 1) * L)), constraintError: uv[r] ?? 0, realism: dv[r] ?? 0, objective: tv[r] ?? 0 }));
    });
    const ms = performance.now() - t0;
    candidates.sort((a, b) => a.objective - b.objective);
    return { candidates, constraintErrorBefore: before[0] ?? 0, realismBefore: before[1] ?? 0, ms, firstStepMs, stepsPerSecond: iterations / (ms / 1000) };
  } finally {
    tf.dispose([anchor, z]);
    adam.dispose();
  }
}

function sum(values: Float32Array): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function argMin(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if ((values[i] ?? Infinity) < (values[best] ?? Infinity)) best = i;
  return best;
}
