import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { type BackendCandidate, defaultCandidates, selectBackend } from './select';

function failing(name: BackendCandidate['name'], message: string): BackendCandidate {
  return {
    name,
    tfName: 'tensorflow',
    load: async () => {
      throw new Error(message);
    },
  };
}

describe('selectBackend', () => {
  it('falls back past tfjs-node-gpu and tfjs-node when their native library cannot load', async () => {
    const ladder = [
      failing('tensorflow-gpu', 'libtensorflow.so.2: cannot open shared object file'),
      failing('tensorflow', "Cannot find module '@tensorflow/tfjs-node'"),
      ...defaultCandidates().slice(2),
    ];
    const info = await selectBackend(ladder, undefined);
    expect(info.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(info.reason).toContain('tensorflow-gpu: libtensorflow.so.2');
    expect(info.reason).toContain('tensorflow: not installed');
    expect(info.skipped).toEqual([
      { name: 'tensorflow-gpu', detail: 'libtensorflow.so.2: cannot open shared object file' },
      { name: 'tensorflow', notInstalled: true },
    ]);
    expect(info.forced).toBeUndefined();
    expect(info.simd).toBe(true);
  });

  it('uses the real ladder on this machine and reports why native backends were skipped', async () => {
    const info = await selectBackend(undefined, undefined);
    expect(['tensorflow-gpu', 'tensorflow', 'wasm']).toContain(info.name);
    if (info.name === 'wasm') expect(info.reason).toMatch(/tensorflow-gpu: /);
  });

  it('falls to cpu when wasm fails too, and honours a forced backend', async () => {
    const ladder = [failing('wasm', 'no WebAssembly'), ...defaultCandidates().slice(3)];
    expect((await selectBackend(ladder, undefined)).name).toBe('cpu');
    const forced = await selectBackend(defaultCandidates(), 'cpu');
    expect(forced).toMatchObject({ name: 'cpu', reason: 'forced by LATENTSHOP_BACKEND', forced: true });
    expect(forced.skipped).toBeUndefined();
  });

  it('throws with every reason when nothing can start', async () => {
    await expect(selectBackend([failing('cpu', 'broken')], undefined)).rejects.toThrow(/cpu: broken/);
  });
});
