import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, expect } from 'vitest';
import { disposeSrNets, getSrNet } from './index';
import type { TileNet } from './tile-net';

/**
 * For a test file that runs esrgan-slim ×2: loads it once before the file's tests, and after
 * them disposes every SR net the file created and checks that no tensor was left behind
 * (the file's leak test). Read `net` inside tests, once loaded.
 */
export function slimX2ForFile(): { readonly net: TileNet } {
  let net: TileNet | undefined;
  let baseline = 0;
  beforeAll(async () => {
    baseline = tf.memory().numTensors;
    net = (await getSrNet('esrgan-slim', 2)).tileNet;
  });
  afterAll(async () => {
    await disposeSrNets();
    expect(tf.memory().numTensors).toBe(baseline);
  });
  return {
    get net(): TileNet {
      if (!net) throw new Error('esrgan-slim ×2 is read before the suite loaded it');
      return net;
    },
  };
}
