import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModelsRoot } from '../loader';
import { disposeLatentFamilies, getLatentFamily } from '../../main/engine/ops/latent/family';
import { generateValues } from '../../main/engine/ops/latent/invert';
import { encode } from '../../main/engine/ops/latent/sample';
import { DEFAULT_DATA_DIR, loadFashion, toFloat } from './data';
import { hybridCalibration } from './hybrid-calibration';

const root = resolveModelsRoot();
const ready = ['generator', 'discriminator', 'encoder', 'classifier'].every((n) => existsSync(join(root, 'fashion', n, 'model.json'))) && existsSync(join(DEFAULT_DATA_DIR, 'train-images-idx3-ubyte.gz'));

/** Mean squared error per image between packed image sets. */
function mse(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += (a[i]! - b[i]!) ** 2;
  return sum / a.length;
}

describe.skipIf(!ready)('hybrid calibration codes', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
  });
  afterAll(() => disposeLatentFamilies());

  it('finds the family from its folder and returns hybrid codes that reconstruct better than E', async () => {
    const images = toFloat(loadFashion('train', DEFAULT_DATA_DIR, 60000), [59990, 59995, 59999]);
    const calibration = await hybridCalibration(join(root, 'fashion'));
    const codes = await calibration.encode(images, 3);
    expect(calibration.method).toBe('hybrid');
    expect(codes.length).toBe(3 * 64);
    const fam = await getLatentFamily('fashion', root);
    expect(mse(generateValues(fam, codes, 3), images)).toBeLessThan(0.9 * mse(generateValues(fam, encode(fam, images, 3), 3), images));
  }, 60_000);
});
