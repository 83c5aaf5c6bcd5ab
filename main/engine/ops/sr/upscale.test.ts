import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backend';
import { quietContext } from '../context';
import { maxAbsDiff, photoFixture, upscaleToFloat } from './fixture.test-util';
import { getSrNet, upscaleRaster, upscaleRasterWith, type TileNet } from './index';
import { slimX2ForFile } from './slim-suite.test-util';
import { growByEdges, MIN_SR_SIDE } from './small-image';
import { makeRaster } from '../../io/test-fixtures';

useBackend('wasm');
const slim = slimX2ForFile();

describe('tiled equals untiled', () => {
  it.each([
    ['esrgan-slim', 2, 64, 48, 32],
    ['esrgan-slim', 3, 45, 38, 33],
    ['esrgan-thick', 2, 64, 48, 44],
  ] as const)('%s x%i on %i×%i with %i² tiles (≥4 tiles), within 0.5 grey levels', async (model, scale, w, h, tile) => {
    const net = (await getSrNet(model, scale)).tileNet;
    const img = await photoFixture(w, h);
    let tiles = 0;
    const ctx = { signal: new AbortController().signal, progress: () => void (tiles += 1) };
    const tiled = await upscaleToFloat(img, net, { tile }, ctx);
    const untiled = await upscaleToFloat(img, net, { tile: 1 << 20 });
    expect(tiles).toBeGreaterThanOrEqual(4);
    const diff = maxAbsDiff(tiled, untiled);
    expect(diff).toBeLessThan(0.5);
    // slim is exact up to float rounding: context = its receptive radius.
    if (model === 'esrgan-slim') expect(diff).toBeLessThan(1e-3);
    // Thick untiled on 64×48 is ~45 GFLOP: minutes when the machine's cores are shared.
  }, 180_000);

  it('8-bit outputs differ by at most one rounding step', async () => {
    const img = await photoFixture(64, 48);
    const a = await upscaleRasterWith(img, slim.net, { tileSize: 32 }, quietContext());
    const b = await upscaleRasterWith(img, slim.net, { tileSize: 1 << 20 }, quietContext());
    expect(maxAbsDiff(a.data, b.data)).toBeLessThanOrEqual(1);
  });
});

describe('upscaleRaster', () => {
  it.each([[17, 9], [1, 1], [3, 40]])('handles a %i×%i image', async (w, h) => {
    const out = await upscaleRaster(await photoFixture(w, h), { model: 'esrgan-slim', scale: 2 }, quietContext());
    expect([out.width, out.height, out.channels, out.data.length]).toEqual([w * 2, h * 2, 3, w * h * 12]);
  });

  it.each([1, 2, 4, 16])('keeps the colour of a flat %i-pixel-wide image (tiny images are grown by their edges first)', async (side) => {
    const orange = makeRaster(side, side, 3, 8, (_x, _y, c) => [200, 100, 50][c] ?? 0);
    const out = await upscaleRaster(orange, { model: 'esrgan-slim', scale: 2 }, quietContext());
    expect([out.width, out.height]).toEqual([side * 2, side * 2]);
    // Before, the black the net saw around them made a 1×1 come out 1,2,2 and a 2×2 about 136,111,86.
    for (let c = 0; c < 3; c += 1) {
      const mean = Array.from(out.data).filter((_, i) => i % 3 === c).reduce((a, v) => a + v, 0) / (side * side * 4);
      expect(Math.abs(mean - ([200, 100, 50][c] ?? 0)), `channel ${c}`).toBeLessThan(6);
    }
  });

  it('grows an image by repeating its edge pixels, centred', () => {
    const two = makeRaster(2, 1, 1, 8, (x) => (x === 0 ? 10 : 90));
    const { grown, left, top } = growByEdges(two, 4);
    expect([grown.width, grown.height, left, top]).toEqual([4, 4, 1, 1]);
    expect(Array.from(grown.data.subarray(0, 4))).toEqual([10, 10, 90, 90]);
    expect(Array.from(grown.data.subarray(12, 16))).toEqual([10, 10, 90, 90]);
    const big = makeRaster(40, 40, 3, 8, () => 7);
    expect(growByEdges(big, MIN_SR_SIDE).grown).toBe(big); // Large enough: untouched.
  });

  it('keeps grey, grey+alpha and RGBA channel counts; alpha is resampled separately', async () => {
    const rgb = await upscaleRasterWith(await photoFixture(24, 20, 3), slim.net, {}, quietContext());
    const rgba = await upscaleRasterWith(await photoFixture(24, 20, 4), slim.net, {}, quietContext());
    const grey = await upscaleRasterWith(await photoFixture(24, 20, 1), slim.net, {}, quietContext());
    const greyAlpha = await upscaleRasterWith(await photoFixture(24, 20, 2), slim.net, {}, quietContext());
    expect([rgba.channels, grey.channels, greyAlpha.channels]).toEqual([4, 1, 2]);
    const pick = (d: ArrayLike<number>, stride: number, c: number): number[] => Array.from(d).filter((_, i) => i % stride === c);
    expect(pick(rgba.data, 4, 0)).toEqual(pick(rgb.data, 3, 0));
    // Alpha follows the source ramp: ~20% on the left, 100% on the right.
    const alpha = pick(rgba.data, 4, 3);
    expect(alpha[0]).toBeLessThan(70);
    expect(alpha[47]).toBeGreaterThan(240);
    expect(pick(greyAlpha.data, 2, 1)).toEqual(alpha);
    expect(grey.data.length).toBe(48 * 40);
  });

  it('keeps 16-bit precision end to end', async () => {
    const img8 = await photoFixture(24, 20, 3, 8);
    const img16 = await photoFixture(24, 20, 3, 16);
    const out16 = await upscaleRasterWith(img16, slim.net, {}, quietContext());
    const out8 = await upscaleRasterWith(img8, slim.net, {}, quietContext());
    expect(out16.bitDepth).toBe(16);
    expect(out16.data).toBeInstanceOf(Uint16Array);
    const offGrid = Array.from(out16.data).filter((v) => v % 257 !== 0).length;
    expect(offGrid / out16.data.length).toBeGreaterThan(0.9); // not 8-bit values scaled up
    const as8 = Array.from(out16.data, (v) => v / 257);
    expect(maxAbsDiff(as8, out8.data)).toBeLessThan(1.01);
  });
});

describe('cancel, memory, out-of-memory', () => {
  it('rejects with CANCELLED when aborted, before or during, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const img = await photoFixture(64, 48);
    const early = new AbortController();
    early.abort();
    await expect(upscaleRasterWith(img, slim.net, { tileSize: 32 }, { signal: early.signal, progress: () => undefined })).rejects.toMatchObject({ code: 'CANCELLED' });
    const late = new AbortController();
    const ctx = { signal: late.signal, progress: () => late.abort() };
    await expect(upscaleRasterWith(img, slim.net, { tileSize: 32 }, ctx)).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves the tensor count unchanged after a full run', async () => {
    const before = tf.memory().numTensors;
    await upscaleRasterWith(await photoFixture(40, 36), slim.net, { tileSize: 32 }, quietContext());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('retries with smaller tiles on out-of-memory and still matches', async () => {
    const tried: number[] = [];
    const picky: TileNet = {
      ...slim.net,
      run: async (rgb, w, h) => {
        tried.push(w);
        if (w > 40) throw new Error('abort(OOM). Build with -sASSERTIONS for more info.');
        return slim.net.run(rgb, w, h);
      },
    };
    const img = await photoFixture(64, 48);
    const out = await upscaleRasterWith(img, picky, { tileSize: 64 }, quietContext());
    const ref = await upscaleRasterWith(img, slim.net, { tileSize: 1 << 20 }, quietContext());
    expect(tried[0]).toBe(64);
    expect(tried.at(-1)).toBeLessThanOrEqual(40); // 64 → 44 → 32: shrinks until it fits
    expect(maxAbsDiff(out.data, ref.data)).toBeLessThanOrEqual(1);
  });

  it('gives OUT_OF_MEMORY when even the smallest tile fails', async () => {
    const broke: TileNet = { ...slim.net, run: async () => Promise.reject(new Error('Out of memory')) };
    await expect(upscaleRasterWith(await photoFixture(64, 48), broke, {}, quietContext())).rejects.toMatchObject({ code: 'OUT_OF_MEMORY' });
  });
});
