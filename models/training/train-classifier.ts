/**
 * C: a small CNN on padded 32×32 Fashion-MNIST in [-1,1]. Besides its own
 * accuracy it is the feature extractor ('features' layer) for the bench's
 * Fréchet distance and for feature losses.
 */
import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { saveCheckpoint, startingPoint } from './checkpoint.js';
import { type FashionSet, sampleIndices, SIDE, toFloat } from './data.js';
import { reseed } from './init.js';
import { saveModel } from './io.js';
import { buildClassifier } from './nets.js';
import { Progress } from './progress.js';
import { Rng } from './rng.js';
import type { RunOptions } from './train-gan.js';

/** Adam whose rate can change mid-run (tfjs keeps `learningRate` protected). */
class SteppedAdam extends tf.AdamOptimizer {
  constructor(lr: number) { super(lr, 0.9, 0.999, 1e-7); }
  setLearningRate(lr: number): void { this.learningRate = lr; }
}

export interface ClassifierResult { steps: number; elapsedMs: number; testAccuracy: number }

/** Top-1 accuracy of `model` (logits output) on a whole set, in batches. */
export function accuracy(model: tf.LayersModel, set: FashionSet, batch = 500): number {
  let correct = 0;
  for (let i = 0; i < set.count; i += batch) {
    const idx = Array.from({ length: Math.min(batch, set.count - i) }, (_, k) => i + k);
    const pred = tf.tidy(() => (model.predict(tf.tensor4d(toFloat(set, idx), [idx.length, SIDE, SIDE, 1])) as tf.Tensor)
      .argMax(-1).dataSync());
    idx.forEach((j, k) => { if (pred[k] === set.labels[j]) correct++; });
  }
  return correct / set.count;
}

export async function trainClassifier(train: FashionSet, test: FashionSet, opts: RunOptions): Promise<ClassifierResult> {
  const batch = opts.batch ?? 64;
  const ckpt = join(opts.outDir, '.ckpt', 'classifier');
  let rng = new Rng(opts.seed);
  const model = buildClassifier();
  reseed(model, rng, 'glorot');
  const opt = new SteppedAdam(1e-3);
  const parts = { models: { C: model }, optimizers: { C: opt } };
  const start = await startingPoint(ckpt, parts, opts.resume === true, rng);
  let step = start.step;
  const elapsedPrior = start.elapsedPrior;
  rng = start.rng;
  const progress = new Progress('classifier', opts.steps, step);
  const t0 = Date.now();
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  let avg = 2.3;
  while (step < opts.steps) {
    const idx = sampleIndices(rng, train.count, batch);
    const loss = opt.minimize(() => tf.tidy(() => {
      const x = tf.tensor4d(toFloat(train, idx), [batch, SIDE, SIDE, 1]);
      const y = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => train.labels[i]!), 'int32'), 10);
      return tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
    }), true, vars);
    avg = 0.98 * avg + 0.02 * loss!.dataSync()[0]!;
    loss!.dispose();
    step++;
    // Step decay, derived from the step so a resumed run gets the same schedule.
    opt.setLearningRate(step >= opts.steps * 0.7 ? 3e-4 : 1e-3);
    if (step % 50 === 0) progress.report(step, { loss: avg });
    if (step % 500 === 0 || step === opts.steps) {
      await saveCheckpoint(ckpt, parts, { step, rng: rng.state(), elapsedMs: elapsedPrior + Date.now() - t0,
        config: { batch, seed: opts.seed, steps: opts.steps } });
    }
  }
  const testAccuracy = accuracy(model, test);
  await saveModel(model, join(opts.outDir, 'classifier'));
  return { steps: step, elapsedMs: elapsedPrior + Date.now() - t0, testAccuracy };
}
