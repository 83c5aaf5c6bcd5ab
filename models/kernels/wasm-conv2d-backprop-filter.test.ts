import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import './wasm-conv2d-backprop-filter.js';

type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
interface Case { b: number; h: number; w: number; ci: number; co: number; k: [number, number]; s: [number, number]; pad: Pad }

/** Deterministic pseudo-random floats so a failing shape is reproducible. */
function rand(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = s / 2 ** 32 - 0.5; }
  return out;
}

/** Runs the kernel through the engine on the named backend and returns dW as plain numbers. */
async function grads(backend: string, c: Case, seed: number): Promise<{ dW: Float32Array; dX: Float32Array }> {
  await tf.setBackend(backend);
  return tf.tidy(() => {
    const x = tf.tensor4d(rand(c.b * c.h * c.w * c.ci, seed), [c.b, c.h, c.w, c.ci]);
    const filter = [c.k[0], c.k[1], c.ci, c.co] as [number, number, number, number];
    const y = tf.conv2d(x, tf.zeros(filter), c.s, c.pad);
    const dy = tf.tensor4d(rand(y.size, seed + 1), y.shape);
    const out = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
      { strides: c.s, pad: c.pad, dataFormat: 'NHWC', filterShape: filter } as unknown as tf.NamedAttrMap) as tf.Tensor;
    const w = tf.tensor4d(rand(filter.reduce((m, d) => m * d, 1), seed + 2), filter);
    const dx = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter: w },
      { strides: c.s, pad: c.pad, dataFormat: 'NHWC', inputShape: x.shape } as unknown as tf.NamedAttrMap) as tf.Tensor;
    expect(dx.shape).toEqual(x.shape);
    return { dW: out.dataSync() as Float32Array, dX: dx.dataSync() as Float32Array };
  });
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

const cases: Case[] = [
  { b: 2, h: 8, w: 8, ci: 3, co: 4, k: [3, 3], s: [1, 1], pad: 'same' },
  { b: 2, h: 9, w: 7, ci: 2, co: 5, k: [3, 3], s: [2, 2], pad: 'same' },
  { b: 1, h: 11, w: 13, ci: 4, co: 3, k: [5, 3], s: [2, 1], pad: 'valid' },
  { b: 3, h: 7, w: 7, ci: 1, co: 8, k: [4, 4], s: [2, 2], pad: 'same' },
  { b: 2, h: 10, w: 9, ci: 3, co: 2, k: [1, 1], s: [1, 1], pad: 'valid' },
  { b: 2, h: 12, w: 12, ci: 5, co: 6, k: [3, 3], s: [3, 2], pad: 'valid' },
  { b: 1, h: 8, w: 9, ci: 2, co: 3, k: [3, 3], s: [2, 2], pad: [[0, 0], [1, 2], [0, 1], [0, 0]] },
  { b: 4, h: 32, w: 32, ci: 16, co: 32, k: [4, 4], s: [2, 2], pad: 'same' },
  { b: 2, h: 3, w: 5, ci: 2, co: 2, k: [1, 1], s: [2, 2], pad: 'valid' },
  { b: 2, h: 15, w: 10, ci: 3, co: 7, k: [5, 5], s: [1, 1], pad: 'same' },
];

describe('wasm Conv2DBackpropFilter and Conv2DBackpropInput', () => {
  beforeAll(async () => { await import('@tensorflow/tfjs-backend-wasm'); });

  it.each(cases.map((c, i) => [i, c] as const))('case %i: dW and dX match the cpu backend', async (i, c) => {
    const ref = await grads('cpu', c, 17 + i);
    const got = await grads('wasm', c, 17 + i);
    expect(maxAbsDiff(ref.dW, got.dW)).toBeLessThan(1e-4);
    expect(maxAbsDiff(ref.dX, got.dX)).toBeLessThan(1e-4);
  });

  it('trains through tf.grad without leaking tensors', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.tensor4d(rand(2 * 6 * 6 * 2, 5), [2, 6, 6, 2]);
    const w = tf.tensor4d(rand(3 * 3 * 2 * 3, 6), [3, 3, 2, 3]);
    const g = tf.grad((f: tf.Tensor) => tf.conv2d(x, f as tf.Tensor4D, 2, 'same').square().sum())(w);
    expect(g.shape).toEqual([3, 3, 2, 3]);
    tf.dispose([x, w, g]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
