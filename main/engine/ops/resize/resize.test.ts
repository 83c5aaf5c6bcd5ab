import { describe, expect, it } from 'vitest';
import { LatentshopError } from '../../../../preload/contract/errors';
import { makeRaster, sample } from '../../io/test-fixtures';
import { type OpContext, quietContext } from '../context';
import { resizeRaster, targetSize } from './resize';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(LatentshopError);
  return (error as LatentshopError).code;
}

describe('resizeRaster', () => {
  it('resizes by scale, by width and height, and by one side keeping the aspect', async () => {
    const image = makeRaster(200, 100, 3, 8, (x, y) => (x + y) % 256);
    expect(await resizeRaster(image, { scale: 0.5 }, quietContext())).toMatchObject({ width: 100, height: 50, channels: 3 });
    expect(await resizeRaster(image, { width: 37, height: 91 }, quietContext())).toMatchObject({ width: 37, height: 91 });
    expect(await resizeRaster(image, { width: 50 }, quietContext())).toMatchObject({ width: 50, height: 25 });
    expect(await resizeRaster(image, { scale: 2.5 }, quietContext())).toMatchObject({ width: 500, height: 250 });
  });

  it('keeps 16 bits, alpha, grey + alpha, and metadata', async () => {
    const deep = makeRaster(64, 64, 4, 16, (x, y, c) => (c === 3 ? 65535 : x * 1000 + y * 3 + c));
    deep.metadata = { name: 'deep.tif', format: 'tiff', icc: Uint8Array.from([1, 2]), exif: Uint8Array.from([3]), sourcePath: '/x/deep.tif' };
    const out = await resizeRaster(deep, { scale: 0.5 }, quietContext());
    expect(out.data).toBeInstanceOf(Uint16Array);
    expect([out.bitDepth, out.channels]).toEqual([16, 4]);
    expect(out.metadata).toEqual(deep.metadata);
    // Values between 8-bit steps prove no 8-bit round trip happened.
    expect(Array.from(out.data).some((v) => v % 257 !== 0 && v > 1000)).toBe(true);
    expect(sample(out, 10, 10, 3)).toBe(65535);
    const greyAlpha = makeRaster(40, 40, 2, 8, (x, _y, c) => (c === 0 ? x * 6 : x < 20 ? 0 : 255));
    const small = await resizeRaster(greyAlpha, { scale: 0.25 }, quietContext());
    expect(small.channels).toBe(2);
    expect([sample(small, 1, 5, 1), sample(small, 8, 5, 1)]).toEqual([0, 255]);
  });

  it('downscales a smooth gradient to the area average (Lanczos3, not nearest)', async () => {
    // 16-bit horizontal ramp v = 60·x; a 4× reduction should give 60·(4i + 1.5).
    const ramp = makeRaster(1024, 8, 1, 16, (x) => 60 * x);
    const out = await resizeRaster(ramp, { width: 256, height: 2 }, quietContext());
    for (let i = 8; i < 248; i += 1) expect(Math.abs(sample(out, i, 1, 0) - 60 * (4 * i + 1.5))).toBeLessThan(2);
    // A one-pixel checkerboard halved must average to mid grey; nearest-neighbour would keep 0/255.
    const checker = makeRaster(64, 64, 1, 8, (x, y) => ((x + y) % 2) * 255);
    const grey = await resizeRaster(checker, { scale: 0.5 }, quietContext());
    for (let i = 4; i < 28; i += 1) expect(Math.abs(sample(grey, i, i, 0) - 127.5)).toBeLessThanOrEqual(2);
  });

  it('reports progress in order, ending at 1', async () => {
    const seen: Array<[number, string]> = [];
    const ctx: OpContext = { signal: new AbortController().signal, progress: (f, s) => seen.push([f, s]) };
    await resizeRaster(makeRaster(10, 10, 3, 8, () => 0), { scale: 2 }, ctx);
    expect(seen.map(([f]) => f)).toEqual([...seen.map(([f]) => f)].sort((a, b) => a - b));
    expect(seen.at(-1)?.[0]).toBe(1);
    expect(seen.map(([, s]) => s)).toContain('resize');
  });

  it('gives CANCELLED for an aborted signal, and within a second of a late abort', async () => {
    const controller = new AbortController();
    controller.abort();
    const image = makeRaster(10, 10, 3, 8, () => 0);
    expect(await codeOf(resizeRaster(image, { scale: 2 }, { signal: controller.signal, progress: () => undefined }))).toBe('CANCELLED');
    const big = makeRaster(2000, 2000, 3, 8, (x) => x % 256);
    const late = new AbortController();
    const started = Date.now();
    const work = resizeRaster(big, { width: 9000, height: 9000 }, { signal: late.signal, progress: () => undefined });
    setTimeout(() => late.abort(), 20);
    expect(await codeOf(work)).toBe('CANCELLED');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('refuses impossible sizes with BAD_ARGUMENT', async () => {
    const image = makeRaster(10, 10, 3, 8, () => 0);
    for (const spec of [{ scale: 0 }, { scale: Number.NaN }, { width: 70_000, height: 5 }, { width: 2.5, height: 3 }, {}]) {
      expect(await codeOf(resizeRaster(image, spec, quietContext()))).toBe('BAD_ARGUMENT');
    }
    expect(() => targetSize({ width: 20_000, height: 20_000 }, { scale: 1 })).toThrow(/limit is 200 MP/);
  });

  it('keeps at least one pixel per side when scaling down', () => {
    expect(targetSize({ width: 5000, height: 3 }, { scale: 0.1 })).toEqual({ width: 500, height: 1 });
    expect(targetSize({ width: 10, height: 10 }, { scale: 0.01 })).toEqual({ width: 1, height: 1 });
  });
});
