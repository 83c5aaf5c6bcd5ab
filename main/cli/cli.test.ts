import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeImageFile } from '../engine/io/decode';
import { distinct16, makeRaster, makeTempDir, sample, writeFixture } from '../engine/io/test-fixtures';
import { runCli } from './index';
import { cli, fakeStream } from './test-helpers';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  await writeFixture(join(dir, 'in.png'), makeRaster(40, 20, 3, 8, (x, y, c) => (x * 6 + y + c * 50) % 256), 'png');
});
afterAll(() => cleanup());

describe('latentshop resize', () => {
  it('writes the resized file and prints JSON for machines', async () => {
    const out = join(dir, 'half.webp');
    const { code, out: json, err } = await cli('resize', join(dir, 'in.png'), '--scale', '0.5', '-o', out, '--json');
    expect([code, err]).toEqual([0, '']);
    const result = JSON.parse(json) as Record<string, unknown>;
    expect(result).toMatchObject({ output: out, format: 'webp', width: 20, height: 10, channels: 3, bitDepth: 8 });
    expect(result['bytes']).toBe((await readFile(out)).length);
    expect((await sharp(out).metadata()).format).toBe('webp');
  });

  it('keeps 16 bits and exact pixels at scale 1, with --format overriding the extension', async () => {
    const deep = distinct16(12, 9);
    await writeFixture(join(dir, 'deep.tif'), deep, 'tiff');
    const out = join(dir, 'deep-copy.img');
    const { code } = await cli('resize', join(dir, 'deep.tif'), '--width', '12', '--height', '9', '-o', out, '-f', 'png');
    expect(code).toBe(0);
    const back = await decodeImageFile(out);
    expect([back.metadata.format, back.bitDepth]).toEqual(['png', 16]);
    expect(Array.from(back.data)).toEqual(Array.from(deep.data));
  });

  it('resizes by width alone, keeping the aspect ratio; pixels follow the source', async () => {
    const out = join(dir, 'w10.png');
    expect((await cli('resize', join(dir, 'in.png'), '-w', '10', '-o', out)).code).toBe(0);
    const image = await decodeImageFile(out);
    expect([image.width, image.height]).toEqual([10, 5]);
    expect(sample(image, 9, 2, 0)).toBeGreaterThan(sample(image, 0, 2, 0));
  });

  it('exits 1 naming the file when the input is missing or damaged', async () => {
    const missing = join(dir, 'missing.jpg');
    const gone = await cli('resize', missing, '--scale', '2', '-o', join(dir, 'x.png'));
    expect(gone.code).toBe(1);
    expect(gone.err).toBe(`latentshop: ${missing}: missing.jpg was not found. It may have been moved or deleted.\n`);
    await writeFile(join(dir, 'broken.png'), 'not a png');
    const broken = await cli('resize', join(dir, 'broken.png'), '--scale', '2', '-o', join(dir, 'y.png'));
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^latentshop: .*broken\.png: broken\.png could not be opened/);
    expect(broken.err).not.toMatch(/\n\s+at /);
  });

  it('exits 1 rather than replace the input or an existing output', async () => {
    const input = join(dir, 'in.png');
    const before = await readFile(input);
    const result = await cli('resize', input, '--scale', '0.5', '-o', input);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`latentshop: ${input}: Saving would replace the original, in.png.`);
    expect(await readFile(input)).toEqual(before);
    const out = join(dir, 'twice.png');
    expect((await cli('resize', input, '--scale', '0.5', '-o', out)).code).toBe(0);
    expect((await cli('resize', input, '--scale', '0.5', '-o', out)).code).toBe(1);
    expect((await cli('resize', input, '--scale', '0.25', '-o', out, '--overwrite')).code).toBe(0);
    expect((await decodeImageFile(out)).width).toBe(10);
  });

  it('refuses a name of another format, or of none, and a quality a lossless format would ignore', async () => {
    const input = join(dir, 'in.png');
    const mismatch = await cli('resize', input, '--scale', '0.5', '-f', 'jpeg', '-o', join(dir, 'mism.png'));
    expect([mismatch.code, mismatch.err]).toEqual([2, expect.stringContaining('"' + join(dir, 'mism.png') + '" is a PNG name but --format is jpeg')]);
    expect((await cli('resize', input, '--scale', '0.5', '-o', join(dir, 'x.gif'))).err).toContain('cannot tell the format');
    expect((await cli('resize', input, '--scale', '0.5', '-q', '80', '-o', join(dir, 'q.png'))).err).toContain('--quality is for JPEG and WebP; PNG is lossless');
    expect(existsSync(join(dir, 'mism.png')) || existsSync(join(dir, 'q.png'))).toBe(false);
  });

  it('reports the bit depth and channels the written file holds, and a side JPEG cannot store in words', async () => {
    await writeFixture(join(dir, 'ga16.png'), makeRaster(6, 4, 2, 16, (x, y, c) => (c === 1 ? 40000 : x * 9000 + y * 1000)), 'png');
    const jpeg = await cli('resize', join(dir, 'ga16.png'), '--scale', '1', '-o', join(dir, 'ga16.jpg'), '--json');
    expect(jpeg.code).toBe(0);
    expect(JSON.parse(jpeg.out)).toMatchObject({ channels: 1, bitDepth: 8 });
    const wide = await cli('resize', join(dir, 'in.png'), '--width', '65535', '--height', '1', '-o', join(dir, 'wide.jpg'));
    expect(wide.code).toBe(1);
    expect(wide.err).toContain('65535 × 1 is too large for JPEG (at most 65500 pixels per side)');
  });

  it('shows progress on stderr only when asked or on a terminal', async () => {
    const stdout = fakeStream();
    const stderr = fakeStream(true);
    await runCli(['resize', join(dir, 'in.png'), '--scale', '2', '-o', join(dir, 'tty.png')], { stdout, stderr });
    expect(stderr.text).toMatch(/\rdone\s+100%\n$/);
    const piped = await cli('resize', join(dir, 'in.png'), '--scale', '2', '-o', join(dir, 'log.png'), '--progress');
    expect(piped.err.split('\n')).toEqual(expect.arrayContaining(['decode 0%', 'resize 35%', 'encode 80%', 'done 100%']));
  });
});
