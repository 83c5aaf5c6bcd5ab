import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../../models/training/rng';
import { cosineLr, LatentAdam } from './adam';
import { LatentCoordinates, whiteningMap, whiteningMaps } from './whiten';

const L = 64;
const PIXELS = 1024;
const DAMPING = 0.01;

/**
 * A linear "generator" z · W with a known pixel curvature W·Wᵀ/pixels. Its rows are random
 * directions scaled over two orders of magnitude, then mixed by a random rotation: a valley
 * that is both narrow and tilted against z's axes, like a real G's around E's code. (Adam's
 * per-coordinate scaling alone would handle axis-aligned ill-conditioning.)
 */
const weights = (() => {
  const scaled = new Rng(7).normals(L * PIXELS);
  for (let i = 0; i < L; i += 1) for (let p = 0; p < PIXELS; p += 1) scaled[i * PIXELS + p]! *= 10 ** (-i / 32);
  return tf.tidy(() => {
    const [rotation] = tf.linalg.qr(tf.tensor2d(new Rng(8).normals(L * L), [L, L]));
    return tf.matMul(rotation!, tf.tensor2d(scaled, [L, PIXELS])).dataSync() as Float32Array;
  });
})();
const W = tf.tensor2d(weights, [L, PIXELS]);
const linear = { generate: (z: tf.Tensor) => tf.matMul(z as tf.Tensor2D, W).reshape([-1, 32, 32, 1]) as tf.Tensor4D };
afterAll(() => W.dispose());

function exactCurvature(): Float64Array {
  const h = new Float64Array(L * L);
  for (let i = 0; i < L; i += 1) {
    for (let j = 0; j < L; j += 1) {
      let sum = 0;
      for (let p = 0; p < PIXELS; p += 1) sum += weights[i * PIXELS + p]! * weights[j * PIXELS + p]!;
      h[i * L + j] = sum / PIXELS;
    }
  }
  return h;
}

/** map · (s·H + λ·I) · mapᵀ, s scaling H to a unit mean eigenvalue, as whiteningMap does. */
function whitenedCurvature(map: ArrayLike<number>, h: Float64Array): Float64Array {
  let trace = 0;
  for (let i = 0; i < L; i += 1) trace += h[i * L + i]!;
  const damped = h.map((v, k) => v * (L / trace) + (k % (L + 1) === 0 ? DAMPING : 0));
  const out = new Float64Array(L * L);
  for (let a = 0; a < L; a += 1) {
    for (let b = 0; b < L; b += 1) {
      let sum = 0;
      for (let i = 0; i < L; i += 1) for (let j = 0; j < L; j += 1) sum += map[a * L + i]! * damped[i * L + j]! * map[b * L + j]!;
      out[a * L + b] = sum;
    }
  }
  return out;
}

const maxDistanceFromIdentity = (m: Float64Array) => Math.max(...Array.from(m, (v, k) => Math.abs(v - (k % (L + 1) === 0 ? 1 : 0))));

describe('whitening the latent space', () => {
  it('whiteningMap turns the damped curvature into the identity', () => {
    const h = exactCurvature();
    expect(maxDistanceFromIdentity(whitenedCurvature(whiteningMap(h, L, DAMPING), h))).toBeLessThan(1e-6);
  });

  it("whiteningMaps measures G's curvature by finite differences, for every anchor", async () => {
    const h = exactCurvature();
    const anchors = tf.tensor2d(new Rng(3).normals(2 * L), [2, L]);
    const maps = await whiteningMaps(linear, anchors, DAMPING);
    const values = maps.dataSync();
    for (let r = 0; r < 2; r += 1) {
      expect(maxDistanceFromIdentity(whitenedCurvature(values.subarray(r * L * L, (r + 1) * L * L), h))).toBeLessThan(0.02);
    }
    tf.dispose([anchors, maps]);
  });

  it('stops between batches of anchors when its job is cancelled, leaking no tensors', async () => {
    const anchors = tf.tensor2d(new Rng(6).normals(20 * L), [20, L]);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let calls = 0;
    const counting = { generate: (z: tf.Tensor) => ((calls += 1), linear.generate(z)) };
    setImmediate(() => controller.abort());
    await expect(whiteningMaps(counting, anchors, DAMPING, controller.signal)).rejects.toMatchObject({ code: 'CANCELLED' });
    // Two G passes (anchors, nudged copies) per batch of 8 anchors: it stopped after the first batch.
    expect(calls).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
    anchors.dispose();
  });

  it('maps coordinates to latents around the anchor, or passes z through unwhitened, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const z = tf.tensor2d(new Rng(4).normals(3 * L), [3, L]);
    const whitened = new LatentCoordinates(linear, DAMPING);
    const origin = await whitened.centreOn(z);
    expect(Array.from(origin.dataSync())).toEqual(new Array(3 * L).fill(0));
    expect(Array.from(whitened.values(origin))).toEqual(Array.from(z.dataSync()));
    const plain = new LatentCoordinates(linear, null);
    const same = await plain.centreOn(z);
    expect(Array.from(plain.values(same))).toEqual(Array.from(z.dataSync()));
    tf.dispose([z, origin, same]);
    whitened.dispose();
    plain.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('lets Adam fit an ill-conditioned G in far fewer steps than Adam on z', async () => {
    const target = tf.tidy(() => linear.generate(tf.tensor2d(new Rng(5).normals(L), [1, L])));
    const fit = async (damping: number | null) => {
      const coords = new LatentCoordinates(linear, damping);
      const zero = tf.zeros([1, L]) as tf.Tensor2D;
      let u: tf.Tensor = await coords.centreOn(zero);
      const adam = new LatentAdam([1, L]);
      const loss = (uu: tf.Tensor) => linear.generate(coords.toLatent(uu)).sub(target).square().mean();
      for (let step = 0; step < 100; step += 1) {
        const grad = tf.tidy(() => tf.grad(loss)(u));
        const next = adam.step(u, grad, cosineLr(0.1, step, 100));
        tf.dispose([u, grad]);
        u = next;
      }
      const final = tf.tidy(() => loss(u).dataSync()[0]!);
      tf.dispose([zero, u]);
      adam.dispose();
      coords.dispose();
      return final;
    };
    const plain = await fit(null);
    const whitened = await fit(DAMPING);
    target.dispose();
    expect(whitened).toBeLessThan(plain / 10);
  });
});
