import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveModelsRoot } from '../models/loader';
import { DEFAULT_DATA_DIR } from '../models/training/data';
import { disposeLatentFamilies } from '../main/engine/ops/latent/family';
import { run } from './latent';
import { shardRange, type ShardFile } from './latent-shard';

/**
 * Sharded latent bench = unsharded bench, number for number, on the shipped family and real
 * test images (few steps, so it is fast). Shards also use other batches (--chunk 2), which
 * must not change any image's result. Needs the trained weights and the data set.
 */
const root = resolveModelsRoot();
const ready = ['generator', 'discriminator', 'encoder', 'classifier'].every((n) => existsSync(join(root, 'fashion', n, 'model.json'))) && existsSync(join(DEFAULT_DATA_DIR, 't10k-images-idx3-ubyte.gz'));
const dir = mkdtempSync(join(tmpdir(), 'latent-shard-'));
afterAll(() => {
  disposeLatentFamilies();
  rmSync(dir, { recursive: true, force: true });
});

/** The record without wall times (and the goal read from one), which no two runs share. */
function numbers(record: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(record, (key, value: unknown) => (/^(msPerImage\d*|msSingleImage|shards|shardSeconds|encoderUnder5ms)$/.test(key) ? undefined : value)));
}

describe('shardRange', () => {
  it('splits images into contiguous ranges that cover them once', () => {
    expect([0, 1, 2].map((i) => shardRange(`${i}/3`, 500).range)).toEqual([[0, 166], [166, 333], [333, 500]]);
    expect(() => shardRange('3/3', 10)).toThrow(/0 ≤ i < n/);
  });
});

describe.skipIf(!ready)('latent bench shards', () => {
  it('2 shards + merge give exactly the unsharded numbers', async () => {
    const base = ['--images', '7', '--iterations', '4'];
    const whole = await run({ args: base });
    const files = [0, 1].map((i) => join(dir, `s${i}.json`));
    for (const [i, file] of files.entries()) await run({ args: [...base, '--shard', `${i}/2`, '--shard-out', file, '--chunk', '2'] });
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as ShardFile);
    expect(shards.map((s) => s.results.map((r) => r.index))).toEqual([[0, 1, 2], [3, 4, 5, 6]]);
    const merged = await run({ args: [...base, '--merge', ...files] });
    expect(merged['shards']).toBe(2);
    expect(numbers(merged)).toEqual(numbers(whole));
    expect(whole['images']).toBe(7);
    // Edits scored again from the saved hybrid z (after an attributes rebuild) = the shards' own scores.
    const rescored = await run({ args: [...base, '--merge', ...files, '--rescore-attributes'] });
    expect(rescored['attributesRescoredAtMerge']).toBe(true);
    expect(rescored['attributes']).toEqual(merged['attributes']);
  }, 180_000);

  it('a shard with a distant deadline still does every image of its range, once', async () => {
    // The deadline resizes chunks after the first (8 images); the next chunk must start where it ended.
    const file = join(dir, 'deadline.json');
    const deadline = String(Date.now() + 3_600_000);
    await run({ args: ['--images', '12', '--iterations', '2', '--shard', '0/1', '--range', '1:12', '--shard-out', file, '--deadline', deadline] });
    const shard = JSON.parse(readFileSync(file, 'utf8')) as ShardFile;
    expect(shard.results.map((r) => r.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  }, 180_000);
});
