import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InversionMethod } from '../../../../preload/contract/latent';
import { domainTensor, type LatentFamily } from './family';
import { DEFAULT_WEIGHTS, reconstructionRows } from './losses';
import { domainQuality } from './invert-job';
import { generateValues, invertImages } from './invert';
import { seededLatents } from './sample';
import { makeTestFamily } from './test-family';

let fam: LatentFamily;
beforeAll(async () => {
  await tf.setBackend('wasm');
  fam = makeTestFamily();
});
afterAll(() => fam.dispose());

/** Fixtures: images G made from known z, so a perfect inversion exists. */
function fixtures(count: number): Float32Array {
  return generateValues(fam, seededLatents(64, count, 1000), count);
}

function meanPsnr(recon: Float32Array, target: Float32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i += 1) sum += domainQuality(fam, recon.subarray(i * 1024, (i + 1) * 1024), target.subarray(i * 1024, (i + 1) * 1024)).psnr;
  return sum / count;
}

describe('inversion (small random nets with the shipped I/O)', () => {
  const targets = (): Float32Array => fixtures(3);

  // A random E is a poor start by construction, so hybrid's margins here are smaller; the
  // shipped-weights test holds it to the real goal.
  it.each<[InversionMethod, number, number, number]>([
    ['optimize', 60, 0.7, 6],
    ['hybrid', 60, 0.85, 0],
  ])('%s lowers the loss and gains PSNR over its start (optimize: > 6 dB over a random z)', async (method, iterations, lossRatio, margin) => {
    const t = targets();
    const start = await invertImages(fam, t, 3, { method, iterations: 1, starts: 2 });
    const result = await invertImages(fam, t, 3, { method, iterations, starts: 2 });
    for (let i = 0; i < 3; i += 1) expect(result.loss[i]).toBeLessThan(start.loss[i]! * lossRatio);
    const random = meanPsnr(generateValues(fam, seededLatents(64, 3, 5), 3), t, 3);
    expect(meanPsnr(result.recon, t, 3)).toBeGreaterThan(Math.max(random + margin, meanPsnr(start.recon, t, 3) + 1));
  });

  it('the pixel term can be L1: the loss is the mean absolute error, and an L1 inversion lowers it', async () => {
    const t = targets();
    const z = seededLatents(64, 3, 7);
    const l1 = { ...DEFAULT_WEIGHTS, pixelLoss: 'l1' as const, feature: 0, prior: 0 };
    const rows = tf.tidy(() => reconstructionRows(fam, tf.tensor2d(z, [3, 64]), domainTensor(fam, t, 3), [], l1).dataSync());
    const recon = generateValues(fam, z, 3);
    for (let i = 0; i < 3; i += 1) {
      let sum = 0;
      for (let p = 0; p < 1024; p += 1) sum += Math.abs(recon[i * 1024 + p]! - t[i * 1024 + p]!);
      expect(rows[i]).toBeCloseTo(sum / 1024, 5);
    }
    const meanAbs = (a: Float32Array) => a.reduce((s, v, k) => s + Math.abs(v - t[k]!), 0) / a.length;
    const start = await invertImages(fam, t, 3, { method: 'optimize', iterations: 1, starts: 2, pixelLoss: 'l1' });
    const result = await invertImages(fam, t, 3, { method: 'optimize', iterations: 60, starts: 2, pixelLoss: 'l1' });
    for (let i = 0; i < 3; i += 1) expect(result.loss[i]).toBeLessThan(start.loss[i]! * 0.7);
    expect(meanAbs(result.recon)).toBeLessThan(meanAbs(start.recon) * 0.7);
  });

  it('encoder: one pass of E, no steps, a finite loss (quality needs trained weights: see shipped.test.ts)', async () => {
    const result = await invertImages(fam, targets(), 3, { method: 'encoder' });
    expect(result.iterations).toBe(0);
    expect(result.z).toHaveLength(3 * 64);
    expect(Array.from(result.loss).every(Number.isFinite)).toBe(true);
  });

  it('leaks no tensors, reports every step, and previews every 10 steps', async () => {
    const before = tf.memory().numTensors;
    const steps: number[] = [];
    let previews = 0;
    await invertImages(fam, targets().subarray(0, 1024), 1, { method: 'hybrid', iterations: 20, onStep: (k) => steps.push(k), onPreview: () => void previews++ });
    expect(tf.memory().numTensors).toBe(before);
    expect(steps).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(previews).toBe(2);
  });

  it('stops with CANCELLED when the signal aborts', async () => {
    const abort = new AbortController();
    const before = tf.memory().numTensors;
    const run = invertImages(fam, targets().subarray(0, 1024), 1, { method: 'optimize', iterations: 1000, signal: abort.signal, onStep: (k) => k === 3 && abort.abort() });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
