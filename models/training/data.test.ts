import { gzipSync } from 'node:zlib';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFashion, parseIdx, sampleIndices, SIDE, toFloat } from './data.js';
import { Rng } from './rng.js';

/** A 3-image idx fixture so the loader is tested without the Debian package. */
function fixtureDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fmnist-'));
  const n = 3;
  const img = Buffer.alloc(16 + n * 784);
  img.writeUInt32BE(0x0803, 0); img.writeUInt32BE(n, 4); img.writeUInt32BE(28, 8); img.writeUInt32BE(28, 12);
  for (let i = 0; i < n * 784; i++) img[16 + i] = (i * 7) % 256;
  const lab = Buffer.alloc(8 + n);
  lab.writeUInt32BE(0x0801, 0); lab.writeUInt32BE(n, 4); lab.set([9, 0, 4], 8);
  for (const split of ['train', 't10k']) {
    writeFileSync(join(dir, `${split}-images-idx3-ubyte.gz`), gzipSync(img));
    writeFileSync(join(dir, `${split}-labels-idx1-ubyte.gz`), gzipSync(lab));
  }
  return dir;
}

describe('fashion data', () => {
  const dir = fixtureDir();

  it('pads 28→32 and maps bytes to [-1,1] with -1 padding', () => {
    const set = loadFashion('train', dir);
    expect(set.count).toBe(3);
    expect(set.pixels.length).toBe(3 * SIDE * SIDE);
    expect(Array.from(set.labels)).toEqual([9, 0, 4]);
    const x = toFloat(set, [1]);
    expect(x.length).toBe(SIDE * SIDE);
    expect(Math.min(...x)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...x)).toBeLessThanOrEqual(1);
    expect(x[0]).toBe(-1); // corner is padding
    // Source pixel (0,0) of image 1 lands at (2,2).
    expect(x[2 * SIDE + 2]).toBeCloseTo(((784 * 7) % 256) / 127.5 - 1, 6);
  });

  it('honours limit and rejects non-idx data', () => {
    expect(loadFashion('t10k', dir, 2).count).toBe(2);
    expect(() => parseIdx(Buffer.from([0, 0, 9, 9, 0, 0, 0, 0]))).toThrow(/idx/);
  });

  it('samples indices deterministically by seed', () => {
    const a = sampleIndices(new Rng(4), 1000, 16);
    const b = sampleIndices(new Rng(4), 1000, 16);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a).every((i) => i >= 0 && i < 1000)).toBe(true);
  });

  it.runIf(process.env.FASHION_MNIST !== 'skip')('reads the real Debian files when installed', () => {
    let set;
    try { set = loadFashion('t10k', undefined, 100); } catch { return; }
    expect(set.count).toBe(100);
    expect(Math.max(...set.labels)).toBeLessThan(10);
  });
});
