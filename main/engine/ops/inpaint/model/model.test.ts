import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '../../../backend/test-backend';
import { ImageStore } from '../../../worker/image-store';
import { runJobSpec } from '../../../worker/jobs';
import { quietContext } from '../../context';
import { boxMask, pattern, sameOutside } from '../fill/test-images';
import { disposeInpainters, holeWindows, modelInpaint } from './index';
import { TINY_COLOUR, writeTinyInpainters } from './tiny-model';

useBackend('wasm');
const root = mkdtempSync(join(tmpdir(), 'latentshop-models-'));
beforeAll(async () => {
  await writeTinyInpainters(root);
  process.env['LATENTSHOP_MODELS'] = root;
});
afterAll(async () => {
  await disposeInpainters();
  delete process.env['LATENTSHOP_MODELS'];
  rmSync(root, { recursive: true, force: true });
});

describe('model inpainting', () => {
  it('places one square window per hole, at least the net side, inside the image where it fits', () => {
    const [small, big, edge] = holeWindows(
      [{ x0: 10, y0: 10, x1: 20, y1: 20 }, { x0: 100, y0: 50, x1: 200, y1: 130 }, { x0: 290, y0: 0, x1: 300, y1: 5 }],
      300, 200, 64,
    );
    expect(small).toMatchObject({ x: 0, y: 0, side: 64 });
    expect(big?.side).toBe(200);
    expect(big).toMatchObject({ x: 50, y: 0 });
    expect(edge).toMatchObject({ x: 236, y: 0, side: 64 });
  });

  it('loads an inpainter from its manifest, fills every hole (small and scaled) with its output, keeps the rest', async () => {
    const image = pattern('noise', 160, 120);
    const mask = boxMask(160, 120, [[5, 5, 15, 12], [40, 20, 150, 110]]);
    const before = tf.memory().numTensors;
    const filled = await modelInpaint(image, mask, quietContext(), { model: 'constant' });
    expect(sameOutside(image, filled, mask)).toBe(true);
    const want = TINY_COLOUR.map((v) => Math.round(v * 255));
    for (const [x, y] of [[5, 5], [14, 11], [40, 20], [149, 109], [90, 60]] as const) {
      const p = (y * 160 + x) * 3;
      expect(Array.from(filled.data.subarray(p, p + 3))).toEqual(want);
    }
    await modelInpaint(image, mask, quietContext(), { model: 'constant' });
    expect(tf.memory().numTensors).toBe(before + 2); // the cached net's two weights, loaded once
  });

  it('runs a free-size net in its own value range, and grey 16-bit images', async () => {
    const image = pattern('gradient', 90, 70, 1, 16);
    const mask = boxMask(90, 70, [[30, 30, 34, 34]]);
    const filled = await modelInpaint(image, mask, quietContext(), { model: 'blur' });
    expect(sameOutside(image, filled, mask)).toBe(true);
    const p = 32 * 90 + 30;
    // The hole's edge pixel averages known neighbours with zeroed hole pixels (-1 in the net's range).
    expect(filled.data[p]).not.toBe(image.data[p]);
  });

  it('runs as an inpaint job, and names what is installed when the model is unknown', async () => {
    const store = new ImageStore(join(root, 'cache'));
    const imageId = await store.put(pattern('stripes', 64, 48));
    const maskId = await store.put({ width: 64, height: 48, channels: 1, bitDepth: 8, data: Uint8Array.from(boxMask(64, 48, [[10, 10, 20, 20]]), (v) => v * 255), metadata: { name: 'm.png' } });
    const result = await runJobSpec({ op: 'inpaint', imageId, maskId, method: 'model', model: 'tiny-inpaint' }, quietContext(), store);
    if (result.kind !== 'image') throw new Error('expected an image');
    const out = await store.get(result.image.id);
    expect(Array.from(out.data.subarray((15 * 64 + 15) * 3, (15 * 64 + 15) * 3 + 3))).toEqual(TINY_COLOUR.map((v) => Math.round(v * 255)));
    await expect(runJobSpec({ op: 'inpaint', imageId, maskId, method: 'model', model: 'lama' }, quietContext(), store)).rejects.toMatchObject({
      code: 'MODEL_NOT_FOUND',
      message: expect.stringContaining('installed: tiny-inpaint/constant, tiny-inpaint/blur') as unknown as string,
    });
  });
});
