/**
 * Training smoke tests on a small subset (the Debian data when installed, else
 * a synthetic two-class fixture): the classifier's loss goes down, GAN steps
 * are deterministic by seed, and a checkpoint resumes bit-for-bit.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import '../kernels/wasm-conv2d-backprop-filter.js';
import { loadCheckpoint, saveCheckpoint } from './checkpoint.js';
import { type FashionSet, loadFashion, sampleIndices, SIDE, toFloat } from './data.js';
import { createGan, DEFAULT_GAN, type GanConfig, ganStep } from './gan.js';
import { reseed } from './init.js';
import { buildClassifier } from './nets.js';
import { Rng } from './rng.js';

function fixture(): FashionSet {
  try { return loadFashion('train', undefined, 512); } catch { /* package not installed: synthesise */ }
  const count = 512;
  const pixels = new Uint8Array(count * SIDE * SIDE);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = i % 2;
    // Class 0: a vertical bar ("trouser"); class 1: a filled square ("bag").
    for (let y = 4; y < 28; y++) for (let x = 4; x < 28; x++) {
      if (i % 2 === 0 ? x > 12 && x < 20 : y > 8) pixels[i * SIDE * SIDE + y * SIDE + x] = 200;
    }
  }
  return { pixels, labels, count };
}

const SMALL: GanConfig = { ...DEFAULT_GAN, batch: 16 };

describe('training smoke', () => {
  let data: FashionSet;
  beforeAll(async () => { await tf.setBackend('wasm'); data = fixture(); });

  it('classifier loss goes down within 48 steps', () => {
    const rng = new Rng(3);
    const model = buildClassifier();
    reseed(model, rng, 'glorot');
    const opt = tf.train.adam(1e-3);
    const losses: number[] = [];
    // 48, not 24: at 24 the expected fall was right at the 20 % bar, so dropout's unseeded noise
    // failed the test now and then; the bar is unchanged.
    for (let s = 0; s < 48; s++) {
      const idx = sampleIndices(rng, data.count, 24);
      const loss = opt.minimize(() => tf.tidy(() => {
        const x = tf.tensor4d(toFloat(data, idx), [24, SIDE, SIDE, 1]);
        const y = tf.oneHot(tf.tensor1d(Array.from(idx, (i) => data.labels[i]!), 'int32'), 10);
        return tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true }) as tf.Tensor) as tf.Scalar;
      }), true)!;
      losses.push(loss.dataSync()[0]!);
      loss.dispose();
    }
    const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(losses.slice(-6))).toBeLessThan(0.8 * mean(losses.slice(0, 6)));
  });

  it('GAN steps are deterministic by seed and resume exactly from a checkpoint', async () => {
    const run = (steps: number) => {
      const rng = new Rng(5);
      const gan = createGan(SMALL, rng);
      const losses = Array.from({ length: steps }, () => ganStep(gan, SMALL, data, rng));
      return { gan, rng, losses };
    };
    const a = run(3);
    const b = run(2);
    const dir = mkdtempSync(join(tmpdir(), 'gan-ckpt-'));
    const parts = (g: typeof b.gan) => ({ models: { G: g.G, D: g.D }, optimizers: { G: g.optG, D: g.optD } });
    await saveCheckpoint(dir, parts(b.gan), { step: 2, rng: b.rng.state(), elapsedMs: 0, config: {} });
    const fresh = createGan(SMALL, new Rng(99));
    const st = await loadCheckpoint(dir, parts(fresh));
    const resumed = ganStep(fresh, SMALL, data, Rng.fromState(st.rng));
    expect(b.losses).toEqual(a.losses.slice(0, 2));
    expect(resumed.d).toBeCloseTo(a.losses[2]!.d, 5);
    expect(resumed.g).toBeCloseTo(a.losses[2]!.g, 5);
    for (const l of a.losses) expect(Number.isFinite(l.d) && Number.isFinite(l.g)).toBe(true);
  });
});
