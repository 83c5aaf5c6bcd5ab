import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backend';
import { disposeSrNets, getSrNet } from './models';
import { predictStepped } from './stepped';
import { findSubpixelPairs } from './subpixel';

useBackend('wasm');
afterAll(() => disposeSrNets());

function layersModel(model: unknown): tf.LayersModel {
  if (!(model instanceof tf.LayersModel)) throw new Error('expected a layers-model');
  return model;
}

describe('predictStepped (layer by layer, cancellable inside a tile)', () => {
  it.each([['esrgan-slim', 2], ['esrgan-thick', 4]] as const)('%s x%i gives predict()’s output bit for bit and leaks no tensor', async (name, scale) => {
    const model = layersModel((await getSrNet(name, scale)).network.model);
    const x = tf.randomUniform([1, 20, 16, 3], 0, name === 'esrgan-thick' ? 1 : 255, 'float32', 7);
    const ref = tf.tidy(() => model.predict(x) as tf.Tensor);
    const before = tf.memory().numTensors;
    const y = await predictStepped(model, x, new AbortController().signal, 0);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(y.shape).toEqual([1, 20 * scale, 16 * scale, 3]);
    const [a, b] = [await y.data(), await ref.data()];
    let diff = 0;
    for (let i = 0; i < a.length; i += 1) diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    expect(diff).toBe(0);
    tf.dispose([x, y, ref]);
  }, 120_000);

  it.each([[2, 1], [4, 1]] as const)('slim x%i: the upsample → conv tail at low resolution (%i pair) matches predict within 1e-3 grey levels', async (scale, count) => {
    const model = layersModel((await getSrNet('esrgan-slim', scale)).network.model);
    const before = tf.memory().numTensors;
    const pairs = findSubpixelPairs(model);
    expect(pairs.map((p) => [p.upsample.getClassName(), p.conv.getClassName(), p.factor])).toEqual(Array.from({ length: count }, () => ['UpSampling2D', 'Conv2D', scale]));
    const x = tf.randomUniform([1, 21, 17, 3], 0, 255, 'float32', 5);
    const ref = tf.tidy(() => model.predict(x) as tf.Tensor);
    const y = await predictStepped(model, x, new AbortController().signal, 0, pairs);
    expect(y.shape).toEqual(ref.shape);
    const [a, b] = [await y.data(), await ref.data()];
    let diff = 0;
    for (let i = 0; i < a.length; i += 1) diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    // Same function, other summation order; border rows and columns included (zero padding agrees).
    expect(diff).toBeLessThan(1e-3);
    tf.dispose([x, y, ref, ...pairs.flatMap((p) => [p.kernel, p.bias])]);
    expect(tf.memory().numTensors).toBe(before);
  }, 60_000);

  it('finds no upsample → conv pair in thick (it ends with a pixel shuffle)', async () => {
    expect(findSubpixelPairs(layersModel((await getSrNet('esrgan-thick', 2)).network.model))).toEqual([]);
  });

  it('stops with CANCELLED mid-tile, within one slice of compute, and frees its intermediates', async () => {
    const model = layersModel((await getSrNet('esrgan-thick', 2)).network.model);
    const x = tf.randomUniform([1, 48, 48, 3], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const abort = new AbortController();
    // Abort from a timer: it can only fire when the stepper yields between layers.
    setTimeout(() => abort.abort(), 100);
    const started = performance.now();
    await expect(predictStepped(model, x, abort.signal, 50)).rejects.toMatchObject({ code: 'CANCELLED' });
    // A whole 48² thick tile is ~35 GFLOP (seconds); the stepper stops long before that.
    expect(performance.now() - started).toBeLessThan(600);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  }, 60_000);
});
