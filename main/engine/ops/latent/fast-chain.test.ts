import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import '../../../../models/kernels/wasm-conv2d-backprop-filter';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildClassifier, buildDiscriminator, buildGenerator } from '../../../../models/training/nets';
import { chainRunner } from './fast-chain';

beforeAll(async () => {
  await tf.setBackend('wasm');
});

/** Random weights with sane batch-norm variances, so every layer matters. */
function randomise(model: tf.LayersModel): tf.LayersModel {
  model.setWeights(model.weights.map((w, i) => tf.tidy(() => {
    const r = tf.randomNormal(w.shape as number[], 0, 0.3, 'float32', i + 1);
    return w.name.includes('variance') ? r.abs().add(0.5) : r;
  })));
  return model;
}

const maxRelDiff = (p: ArrayLike<number>, q: ArrayLike<number>) => {
  const scale = Math.max(1e-6, ...Array.from(p, Math.abs));
  return Math.max(...Array.from(p, (v, i) => Math.abs(v - (q[i] ?? NaN)))) / scale;
};

describe('fast chain runners (transposed convs as conv + pixel shuffle, conv adjoints as convs)', () => {
  it.each([
    ['G', () => buildGenerator(64, { g: [16, 8, 4], d: [4, 8, 16] }), [3, 64], []],
    ['D', () => buildDiscriminator({ g: [16, 8, 4], d: [4, 8, 16] }), [3, 32, 32, 1], ['conv1', 'conv2']],
    ['C', () => buildClassifier(), [3, 32, 32, 1], ['features']],
  ] as const)('%s: outputs, taps and input gradients match the model', (_name, build, shape, taps) => {
    const model = randomise(build());
    const runner = chainRunner(model, [...taps])!;
    expect(runner).toBeDefined();
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([...shape], 0, 1, 'float32', 7);
    const slow = tf.model({ inputs: model.inputs, outputs: [...taps.map((t) => model.getLayer(t).output as tf.SymbolicTensor), model.outputs[0]!] });
    const outs = tf.tidy(() => {
      const ref = [slow.apply(x, { training: false }) as tf.Tensor | tf.Tensor[]].flat();
      const fast = runner.run(x);
      const loss = (y: tf.Tensor) => y.square().sum();
      const gRef = tf.grad((v: tf.Tensor) => loss((model.apply(v, { training: false }) as tf.Tensor)))(x);
      const gFast = tf.grad((v: tf.Tensor) => loss(runner.run(v).out))(x);
      return [...ref, ...fast.taps, fast.out, gRef, gFast].map((t) => t.dataSync());
    });
    const k = taps.length + 1;
    for (let i = 0; i < k; i += 1) expect(maxRelDiff(outs[i]!, outs[k + i]!)).toBeLessThan(1e-4);
    expect(maxRelDiff(outs[2 * k]!, outs[2 * k + 1]!)).toBeLessThan(1e-3);
    x.dispose();
    expect(tf.memory().numTensors).toBe(before);
    runner.dispose();
    model.dispose();
  });
});
