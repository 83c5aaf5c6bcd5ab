import { describe, expect, it } from 'vitest';
import { useBackend } from '../../backend/test-backend';
import type { RasterImage } from '../../io/raster';
import { quietContext } from '../context';
import { croppedSink, edgePaddedSource } from './edge-pad';
import { rasterRgbSource } from './pixels';
import { slimX2ForFile } from './slim-suite.test-util';
import { upscaleRasterWith } from './upscale';

useBackend('wasm');
const slim = slimX2ForFile();

/** A 3 × 2 RGB source whose red channel is 10·x + y, so every read can be traced back. */
const traced = rasterRgbSource({ width: 3, height: 2, channels: 3, bitDepth: 8, data: Uint8Array.from({ length: 18 }, (_, i) => (i % 3 === 0 ? 10 * ((i / 3) % 3) + Math.floor(i / 9) : 0)), metadata: { name: 't' } });

describe('edge padding', () => {
  it('reads beyond the edges as the nearest edge pixel, corners included', () => {
    const padded = edgePaddedSource(traced, 2);
    expect([padded.width, padded.height]).toEqual([7, 6]);
    const red = Array.from(padded.read(0, 0, 7, 6)).filter((_, i) => i % 3 === 0);
    expect(red.slice(0, 7)).toEqual([0, 0, 0, 10, 20, 20, 20]);
    expect(red.slice(35, 42)).toEqual([1, 1, 1, 11, 21, 21, 21]);
    // A window inside the image reads the image itself.
    expect(Array.from(padded.read(3, 2, 2, 2)).filter((_, i) => i % 3 === 0)).toEqual([10, 20, 11, 21]);
  });

  it('passes on only the image rows and columns of the padded output', async () => {
    const got: Array<[number, number, number[]]> = [];
    const sink = croppedSink((y, rows, data) => void got.push([y, rows, Array.from(data)]), 1, 2, 2);
    // Padded output 4 × 4 (one float triple per pixel; the value is 10·row + column).
    const row = (r: number): number[] => [0, 1, 2, 3].flatMap((c) => [10 * r + c, 0, 0]);
    await sink(0, 2, Float32Array.from([...row(0), ...row(1)]));
    await sink(2, 2, Float32Array.from([...row(2), ...row(3)]));
    expect(got).toEqual([
      [0, 1, [11, 0, 0, 12, 0, 0]],
      [1, 1, [21, 0, 0, 22, 0, 0]],
    ]);
  });

  it('keeps a flat photo flat up to its border, where black around it darkened the rim', async () => {
    const side = 40;
    const flat: RasterImage = { width: side, height: side, channels: 3, bitDepth: 8, data: new Uint8Array(side * side * 3).fill(0).map((_, i) => [230, 140, 40][i % 3]!), metadata: { name: 'flat' } };
    const out = await upscaleRasterWith(flat, slim.net, {}, quietContext());
    let worst = 0;
    for (let i = 0; i < out.data.length; i += 1) worst = Math.max(worst, Math.abs(out.data[i]! - [230, 140, 40][i % 3]!));
    expect(worst).toBeLessThanOrEqual(6);
  }, 30_000);
});
