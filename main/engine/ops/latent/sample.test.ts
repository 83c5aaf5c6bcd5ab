import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LatentFamily } from './family';
import { classify, discriminate, encode, sampleGrid, seededLatents } from './sample';
import { generateValues } from './invert';
import { makeTestFamily } from './test-family';

let fam: LatentFamily;
beforeAll(async () => {
  await tf.setBackend('wasm');
  fam = makeTestFamily();
});
afterAll(() => fam.dispose());

describe('sample, generate, discriminate, encode, classify', () => {
  it('samples are deterministic by seed, in range, and image i comes from seed + i', async () => {
    const a = await sampleGrid(fam, 4, 7);
    const b = await sampleGrid(fam, 4, 7);
    const c = await sampleGrid(fam, 1, 9);
    expect(a.latents).toEqual(b.latents);
    expect(Array.from(a.images)).toEqual(Array.from(b.images));
    expect(c.latents[0]).toEqual(a.latents[2]);
    expect(a.images).toHaveLength(4 * 32 * 32);
    expect(Array.from(a.images).every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(a.gridUrl.startsWith('data:image/png;base64,')).toBe(true);
    expect((await sampleGrid(fam, 4, 8)).latents).not.toEqual(a.latents);
  });

  it('each net returns one row per image with the right width, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const images = generateValues(fam, seededLatents(64, 3, 1), 3);
    expect(discriminate(fam, images, 3)).toHaveLength(3);
    expect(encode(fam, images, 3)).toHaveLength(3 * 64);
    const labels = classify(fam, images, 3, 3);
    expect(labels).toHaveLength(3);
    for (const top of labels) {
      expect(top).toHaveLength(3);
      expect(top[0]!.probability).toBeGreaterThanOrEqual(top[1]!.probability);
      expect(top.reduce((s, l) => s + l.probability, 0)).toBeLessThanOrEqual(1 + 1e-6);
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('seeded latents are standard normal-ish', () => {
    const z = seededLatents(64, 64, 1);
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(variance).toBeGreaterThan(0.85);
    expect(variance).toBeLessThan(1.15);
  });
});
