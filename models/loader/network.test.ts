import * as tf from '@tensorflow/tfjs';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setBackend } from '../../main/engine/backend/test-backend';
import { findPackageRoot, loadManifest, loadNetwork, parseManifest, resolveModelsRoot, type ModelFamily } from './index';

const slimX2 = join(findPackageRoot('@upscalerjs/esrgan-slim', process.cwd()) ?? '', 'models', 'x2');
let dir: string;
const meanOf = (values: ArrayLike<number>): number => Array.from(values).reduce((a, b) => a + b, 0) / values.length;

/** A one-network family in a temp folder whose model.json we can break. */
async function tempFamily(extra: Record<string, unknown> = {}): Promise<ModelFamily> {
  const manifest = { id: 'tmp', title: 'Temp', networks: [{ role: 'super-resolution', scale: 2, path: 'model.json', ...extra }] };
  return parseManifest(JSON.stringify(manifest), join(dir, 'manifest.json'), dir);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ls-net-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('loadNetwork errors', () => {
  it('reports a missing model.json as MODEL_NOT_FOUND naming it', async () => {
    await expect(loadNetwork(await tempFamily(), 'super-resolution')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', file: join(dir, 'model.json') });
  });

  it('reports broken model.json JSON as MODEL_INVALID', async () => {
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ');
    await expect(loadNetwork(await tempFamily(), 'super-resolution')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('model.json: not valid JSON') });
  });

  it('reports a missing weight shard as MODEL_NOT_FOUND naming the shard', async () => {
    await copyFile(join(slimX2, 'model.json'), join(dir, 'model.json'));
    await rm(join(dir, 'group1-shard1of1.bin'), { force: true });
    await expect(loadNetwork(await tempFamily(), 'super-resolution')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', file: join(dir, 'group1-shard1of1.bin') });
  });

  it('reports a truncated shard as MODEL_INVALID', async () => {
    const shard = await readFile(join(slimX2, 'group1-shard1of1.bin'));
    await writeFile(join(dir, 'group1-shard1of1.bin'), shard.subarray(0, shard.length - 100));
    await expect(loadNetwork(await tempFamily(), 'super-resolution')).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/model\.json: weight shards hold \d+ bytes/) });
  });

  it('rejects an unknown custom layer and an unknown network name', async () => {
    await expect(loadNetwork(await tempFamily({ customLayers: ['Nope'] }), 'super-resolution')).rejects.toMatchObject({ code: 'MODEL_INVALID' });
    await expect(loadNetwork(await tempFamily(), 'encoder')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });
});

describe.each(['wasm', 'cpu'] as const)('ESRGAN on %s', (backend) => {
  beforeAll(async () => setBackend(backend));
  afterAll(async () => setBackend('wasm'));

  it('loads slim x2 from disk and runs it without leaking', async () => {
    const family = await loadManifest(join(resolveModelsRoot(), 'sr-esrgan'));
    const before = tf.memory().numTensors;
    const net = await loadNetwork(family, 'esrgan-slim-x2');
    const y = tf.tidy(() => net.predict(tf.fill([1, 8, 8, 3], 128)));
    expect(y.shape).toEqual([1, 16, 16, 3]);
    const mean = meanOf(await y.data());
    expect(mean).toBeGreaterThan(100);
    expect(mean).toBeLessThan(156);
    tf.dispose(y);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('custom layers', () => {
  beforeAll(async () => setBackend('wasm'));

  it('loads esrgan-thick x4 (MultiplyBeta, PixelShuffle4x) and keeps its 0–1 range', async () => {
    const family = await loadManifest(join(resolveModelsRoot(), 'sr-esrgan'));
    const before = tf.memory().numTensors;
    const net = await loadNetwork(family, 'esrgan-thick-x4');
    const y = tf.tidy(() => net.predict(tf.fill([1, 4, 4, 3], 0.5)));
    expect(y.shape).toEqual([1, 16, 16, 3]);
    const mean = meanOf(await y.data());
    expect(mean).toBeGreaterThan(0.3);
    expect(mean).toBeLessThan(0.7);
    tf.dispose(y);
    net.dispose();
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);
});
