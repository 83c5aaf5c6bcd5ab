import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backend';
import type { RasterImage } from '../../io/raster';
import { quietContext } from '../context';
import { areaMatrix, invertLowRes, type LatentGenerator } from './gan-prior';
import { ganUpscaleRaster } from './gan-upscale';
import { randomGenerator } from './gan.test-util';

useBackend('wasm');

/** G(z_true) area-downscaled to side×side, on 0–1. */
function lowRes(gen: LatentGenerator, side: number): Float32Array {
  return tf.tidy(() => {
    const g = (gen.model.predict(tf.randomNormal([1, gen.latentSize], 0, 1, 'float32', 77)) as tf.Tensor).add(1).div(2);
    return tf.avgPool(g as tf.Tensor4D, 32 / side, 32 / side, 'valid').dataSync() as Float32Array;
  });
}

describe('GAN-prior super-resolution', () => {
  it('area matrices average whole and partial pixels, rows summing to 1', () => {
    expect(Array.from(areaMatrix(2, 4))).toEqual([0.5, 0.5, 0, 0, 0, 0, 0.5, 0.5]);
    const m = areaMatrix(3, 4);
    for (let i = 0; i < 3; i += 1) expect(m.subarray(i * 4, i * 4 + 4).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('reduces the consistency error on an LR image made from G(z_true), without leaking tensors', async () => {
    const gen = randomGenerator(3);
    const lr = lowRes(gen, 8);
    const before = tf.memory().numTensors;
    const fit = await invertLowRes(lr, 8, 8, gen, { steps: 150, restarts: 4, seed: 5 }, quietContext());
    expect(tf.memory().numTensors).toBe(before);
    expect(fit.consistencyRmse).toBeLessThan(fit.initialRmse * 0.5);
    expect(fit.image).toHaveLength(32 * 32);
    gen.model.dispose();
  }, 60_000);

  it('returns input × scale pixels in the input depth and stops on cancel', async () => {
    const gen = randomGenerator(4);
    const lr = lowRes(gen, 8);
    const raster: RasterImage = { width: 8, height: 8, channels: 3, bitDepth: 16, data: Uint16Array.from({ length: 192 }, (_, i) => Math.round(lr[Math.floor(i / 3)]! * 65535)), metadata: { name: 'lr.png' } };
    const { image, fit } = await ganUpscaleRaster(raster, gen, 4, { steps: 20 }, quietContext());
    expect([image.width, image.height, image.channels, image.bitDepth, image.data.length]).toEqual([32, 32, 1, 16, 1024]);
    expect(fit.consistencyRmse).toBeLessThanOrEqual(fit.initialRmse);
    const abort = new AbortController();
    abort.abort();
    const before = tf.memory().numTensors;
    await expect(invertLowRes(lr, 8, 8, gen, { steps: 50 }, { signal: abort.signal, progress: () => undefined })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
    gen.model.dispose();
  }, 60_000);
});
