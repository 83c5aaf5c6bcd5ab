import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../engine/io/decode';
import { makeTempDir, writeFixture } from '../engine/io/test-fixtures';
import { maxAbsDiff, photoFixture } from '../engine/ops/sr/fixture.test-util';
import { cli } from './test-helpers';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir('latentshop-upscale-cli-'));
  await writeFixture(join(dir, 'a.png'), await photoFixture(30, 20), 'png');
  await writeFixture(join(dir, 'b.tif'), await photoFixture(17, 9, 4, 16), 'tiff');
});
afterAll(() => cleanup());

describe('latentshop upscale', () => {
  it.each([
    [['upscale'], /missing the input file/],
    [['upscale', 'a.png', '--scale', '2', '--model', 'slim'], /missing -o/],
    [['upscale', 'a.png', '-o', 'x.png', '--scale', '2'], /missing --model/],
    [['upscale', 'a.png', '-o', 'x.png', '--model', 'huge', '--scale', '2'], /--model must be/],
    [['upscale', 'a.png', '-o', 'x.png', '--model', 'slim', '--scale', '5'], /--scale must be 2, 3, 4 or 8/],
    [['upscale', 'a.png', '-o', 'x.png', '--model', 'slim', '--scale', '2', '--workers', '0'], /--workers must be/],
    // A name that says another format, or none, is refused before any work.
    [['upscale', 'a.png', '-o', 'x.gif', '--model', 'slim', '--scale', '2'], /cannot tell the format from "x\.gif"/],
    [['upscale', 'a.png', '-o', 'x.png', '-f', 'jpeg', '--model', 'slim', '--scale', '2'], /"x\.png" is a PNG name but --format is jpeg/],
    [['upscale', 'a.png', '-o', 'x.png', '-f', 'png', '-q', '80', '--model', 'slim', '--scale', '2'], /--quality is for JPEG and WebP/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, err } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('writes one file ×2 and prints JSON', async () => {
    const out = join(dir, 'a2.png');
    const { code, out: json, err } = await cli('upscale', join(dir, 'a.png'), '--model', 'esrgan-slim', '--scale', '2', '-o', out, '--json', '--workers', '1');
    expect([code, err]).toEqual([0, '']);
    expect(JSON.parse(json)).toMatchObject({ output: out, width: 60, height: 40, channels: 3, bitDepth: 8, model: 'esrgan-slim', scale: 2, workers: 1 });
    expect((await sharp(out).metadata()).width).toBe(60);
  }, 60_000);

  it('writes several inputs into a folder as <name>.x<S>.<ext>, keeps 16-bit alpha, and exits 1 naming a bad file', async () => {
    const outDir = join(dir, 'out');
    await writeFile(join(dir, 'broken.png'), 'not a png');
    const { code, err, out } = await cli('upscale', join(dir, 'a.png'), join(dir, 'broken.png'), join(dir, 'b.tif'), '-m', 'slim', '-s', '3', '-o', outDir, '--json');
    expect(code).toBe(1);
    expect(err).toMatch(/broken\.png/);
    const results = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(results.map((r) => r['error'] ?? 'ok')).toEqual(['ok', 'IMAGE_DECODE_FAILED', 'ok']);
    expect(results[1]?.['message']).toMatch(/broken\.png/);
    const b = await decodeImageFile(join(outDir, 'b.x3.tif'));
    expect([b.width, b.height, b.channels, b.bitDepth]).toEqual([51, 27, 4, 16]);
    expect(existsSync(join(outDir, 'a.x3.png'))).toBe(true);
  }, 60_000);

  it('names results of same-named inputs apart, reports what a JPEG holds, and refuses a result over 400 MP before the work', async () => {
    const other = join(dir, 'other');
    await mkdir(other, { recursive: true });
    await writeFixture(join(other, 'a.png'), await photoFixture(12, 10, 4, 16), 'png');
    const outDir = join(dir, 'same-names');
    const both = await cli('upscale', join(dir, 'a.png'), join(other, 'a.png'), '-m', 'slim', '-s', '2', '-f', 'jpeg', '-o', outDir, '--json');
    expect(both.code).toBe(0);
    const results = JSON.parse(both.out) as Array<Record<string, unknown>>;
    expect(results.map((r) => r['output'])).toEqual([join(outDir, 'a.x2.jpg'), join(outDir, 'a-2.x2.jpg')]);
    // The 16-bit RGBA input becomes an 8-bit JPEG without alpha, and the report says so.
    expect(results[1]).toMatchObject({ width: 24, height: 20, channels: 3, bitDepth: 8 });
    expect((await sharp(join(outDir, 'a-2.x2.jpg')).metadata()).width).toBe(24);
    const wide = join(dir, 'wide.png');
    await sharp({ create: { width: 5000, height: 3000, channels: 3, background: '#808080' } }).png().toFile(wide);
    const started = performance.now();
    const huge = await cli('upscale', wide, '-m', 'slim', '-s', '8', '-o', join(dir, 'huge.png'));
    expect(huge.code).toBe(1);
    expect(huge.err).toMatch(/400/);
    expect(performance.now() - started).toBeLessThan(15_000);
  }, 120_000);

  it('refuses to replace an existing file unless --overwrite, before any work', async () => {
    const out = join(dir, 'exists.png');
    await writeFile(out, 'keep me');
    const refused = await cli('upscale', join(dir, 'a.png'), '-m', 'slim', '-s', '2', '-o', out);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('exists.png already exists');
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect((await cli('upscale', join(dir, 'a.png'), '-m', 'slim', '-s', '2', '-o', out, '--overwrite')).code).toBe(0);
  }, 60_000);

  it('splits a large image over two engine processes with the same pixels as one process (within rounding)', async () => {
    await writeFixture(join(dir, 'big.png'), await photoFixture(420, 400), 'png');
    const two = await cli('upscale', join(dir, 'big.png'), '-m', 'slim', '-s', '2', '-o', join(dir, 'big2.png'), '--workers', '2', '--json');
    const one = await cli('upscale', join(dir, 'big.png'), '-m', 'slim', '-s', '2', '-o', join(dir, 'big1.png'), '--workers', '1');
    expect([two.code, one.code]).toEqual([0, 0]);
    expect(JSON.parse(two.out)).toMatchObject({ width: 840, height: 800, workers: 2 });
    const [a, b] = await Promise.all([decodeImageFile(join(dir, 'big2.png')), decodeImageFile(join(dir, 'big1.png'))]);
    // Both grids cover exactly the receptive radius: the same pixels up to rounding.
    expect(maxAbsDiff(a.data, b.data)).toBeLessThanOrEqual(1);
  }, 240_000);
});
