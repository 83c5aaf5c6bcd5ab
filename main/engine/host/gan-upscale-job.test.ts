import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextEvent, startHarness, type Harness } from '../../test/runtime-harness';
import { useBackend } from '../backend/test-backend';
import { randomGenerator, writeGeneratorFamily } from '../ops/sr/gan.test-util';

useBackend('wasm');

/** A family on disk (random generator with the fashion family's I/O) and an 8×8 PNG made from G(z_true), area-downscaled. */
describe('ganUpscale job through a real engine', () => {
  const root = mkdtempSync(join(tmpdir(), 'latentshop-gan-family-'));
  let harness: Harness;
  let lowRes: Buffer;
  beforeAll(async () => {
    const gen = randomGenerator(3);
    await writeGeneratorFamily(root, 'toy', gen);
    const pixels = tf.tidy(() => {
      const g = (gen.model.predict(tf.randomNormal([1, 16], 0, 1, 'float32', 77)) as tf.Tensor4D).add(1).mul(127.5);
      return tf.avgPool(g as tf.Tensor4D, 4, 4, 'valid').round().dataSync();
    });
    gen.model.dispose();
    lowRes = await sharp(Uint8Array.from(pixels), { raw: { width: 8, height: 8, channels: 1 } }).png().toBuffer();
    process.env['LATENTSHOP_MODELS'] = root; // inherited by the engine process
    harness = startHarness(1);
  });
  afterAll(() => {
    harness.close();
    delete process.env['LATENTSHOP_MODELS'];
    rmSync(root, { recursive: true, force: true });
  });

  it('returns a 32×32 result whose downscale matches the input better than at the start', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'lr.png', dataBase64: lowRes.toString('base64') });
    const { jobId } = await runtime.service.startJob({ spec: { op: 'ganUpscale', imageId: image.id, family: 'toy', scale: 4, steps: 150, seed: 2 } });
    const done = await nextEvent(runtime, 'jobDone', (e) => e.jobId === jobId);
    if (done.result.kind !== 'image') throw new Error('expected an image');
    expect(done.result.image).toMatchObject({ width: 32, height: 32, channels: 1 });
    const m = done.result.metrics ?? {};
    expect(m['consistencyRmse']).toBeLessThan((m['initialRmse'] ?? 0) * 0.5);
    expect(m['steps']).toBe(150);
  }, 90_000);

  it('fails with MODEL_NOT_FOUND for an unknown family', async () => {
    const { runtime } = harness;
    const image = await runtime.service.upload({ name: 'lr.png', dataBase64: lowRes.toString('base64') });
    const { jobId } = await runtime.service.startJob({ spec: { op: 'ganUpscale', imageId: image.id, family: 'nope' } });
    const { error } = await nextEvent(runtime, 'jobError', (e) => e.jobId === jobId);
    expect(['MODEL_NOT_FOUND', 'MODEL_INVALID']).toContain(error.code);
  }, 30_000);
});
