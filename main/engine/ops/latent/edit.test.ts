import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editDelta, editedLatent } from './edit';
import type { LatentFamily } from './family';
import { seededLatents } from './sample';
import type { LatentSession } from './sessions';
import { makeTestFamily } from './test-family';

let fam: LatentFamily;
beforeAll(async () => {
  await tf.setBackend('wasm');
  fam = makeTestFamily();
});
afterAll(() => fam.dispose());

const session = (): LatentSession => ({
  id: 'lat_x', family: 'test', imageId: 'img', region: { x: 0, y: 0, width: 56, height: 28 }, polarity: 'normal', method: 'encoder',
  z: Array.from(seededLatents(64, 1, 5)), candidates: [Array.from(seededLatents(64, 1, 6))], createdAt: '',
});

describe('edit deltas', () => {
  it('no edit gives a zero difference; an edit gives one over the region, without leaking tensors', async () => {
    const s = session();
    const before = tf.memory().numTensors;
    const none = editDelta(fam, s, await editedLatent(fam, s, { attributes: {} }));
    expect(none.delta.every((v) => v === 0)).toBe(true);
    expect(none.width / none.height).toBeCloseTo(2, 1); // the region's aspect
    const moved = editDelta(fam, s, await editedLatent(fam, s, { attributes: {}, useConstrained: true, interpolation: 1 }));
    expect(moved.delta.some((v) => v !== 0)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('interpolation 0 is z0 and 1 is the constrained candidate', async () => {
    const s = session();
    expect(await editedLatent(fam, s, { attributes: {}, useConstrained: true, interpolation: 0 })).toEqual(s.z);
    expect(await editedLatent(fam, s, { attributes: {}, useConstrained: true })).toEqual(s.candidates[0]);
    await expect(editedLatent(fam, { ...s, candidates: [] }, { attributes: {}, useConstrained: true })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
    await expect(editedLatent(fam, s, { attributes: { nope: 1 } })).rejects.toThrow(/Unknown attribute/);
  });
});
