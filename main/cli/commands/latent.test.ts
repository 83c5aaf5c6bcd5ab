import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveTestFamily } from '../../engine/ops/latent/test-family';
import { cli } from '../test-helpers';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('wasm');
  dir = mkdtempSync(join(tmpdir(), 'latentshop-cli-'));
  await saveTestFamily(dir, 'testfam', { wider: Array.from({ length: 64 }, () => 0.5) });
  await saveTestFamily(dir, 'colourfam', { wider: Array.from({ length: 64 }, () => 0.5) }, 3);
  process.env['LATENTSHOP_MODELS'] = dir;
  process.env['LATENTSHOP_STATE_DIR'] = join(dir, 'state');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('latent commands', () => {
  it('sample → classify → invert → edit → constrain, with --json', async () => {
    const grid = join(dir, 'grid.png');
    const sample = await cli('sample', '-m', 'testfam', '-n', '4', '--seed', '2', '-o', grid, '--json');
    expect(sample.code).toBe(0);
    expect(JSON.parse(sample.out).latents).toHaveLength(4);
    const one = join(dir, 'one.png');
    expect((await cli('sample', '-m', 'testfam', '-n', '1', '-o', one)).code).toBe(0);
    const classified = JSON.parse((await cli('classify', one, '-m', 'testfam', '--json', '--top', '2')).out) as { images: { labels: unknown[] }[] };
    expect(classified.images[0]!.labels).toHaveLength(2);
    const inverted = await cli('invert', one, '-m', 'testfam', '--method', 'optimize', '--iterations', '5', '--starts', '1', '-o', join(dir, 'recon.png'), '--z-out', join(dir, 'z.json'), '--json');
    expect(inverted.code).toBe(0);
    expect(JSON.parse(inverted.out)).toMatchObject({ method: 'optimize', iterations: 5 });
    expect(existsSync(join(dir, 'z.json'))).toBe(true);
    const robust = await cli('invert', one, '-m', 'testfam', '--method', 'optimize', '--iterations', '5', '--starts', '1', '--pixel-loss', 'l1', '--json');
    expect(JSON.parse(robust.out)).toMatchObject({ method: 'optimize', pixelLoss: 'l1', iterations: 5 });
    expect(JSON.parse(robust.out).z).not.toEqual(JSON.parse(inverted.out).z);
    expect((await cli('generate', '-m', 'testfam', '--z', join(dir, 'z.json'), '-o', join(dir, 'gen.png'))).code).toBe(0);
    const edit = await cli('edit', one, '-m', 'testfam', '--attr', 'wider=1.5', '--method', 'encoder', '-o', join(dir, 'edited.png'), '--json');
    expect(edit.code).toBe(0);
    writeFileSync(join(dir, 'strokes.json'), JSON.stringify([{ kind: 'colour', colour: '#ffffff', size: 4, points: [{ x: 5, y: 16 }, { x: 27, y: 16 }] }]));
    const constrained = await cli('constrain', one, '-m', 'testfam', '--strokes', join(dir, 'strokes.json'), '--iterations', '5', '--candidates', '2', '-o', join(dir, 'c.png'), '--json');
    expect(constrained.code).toBe(0);
    expect(JSON.parse(constrained.out)).toHaveProperty('constraintErrorAfter');
  });

  it('a colour family samples, inverts and edits in RGB', async () => {
    const one = join(dir, 'colour-one.png');
    expect((await cli('sample', '-m', 'colourfam', '-n', '1', '--seed', '3', '-o', one)).code).toBe(0);
    const recon = join(dir, 'colour-recon.png');
    const inverted = await cli('invert', one, '-m', 'colourfam', '--method', 'hybrid', '--iterations', '20', '-o', recon, '--json');
    expect(inverted.code).toBe(0);
    expect(JSON.parse(inverted.out)).toMatchObject({ method: 'hybrid', iterations: 20, psnr: expect.any(Number) as unknown as number });
    for (const file of [one, recon]) expect((await sharp(file).metadata()).channels).toBe(3);
    const edited = join(dir, 'colour-edited.png');
    expect((await cli('edit', one, '-m', 'colourfam', '--attr', 'wider=2', '--method', 'encoder', '-o', edited)).code).toBe(0);
    const [before, after] = await Promise.all([one, edited].map((f) => sharp(f).raw().toBuffer()));
    expect(after!.equals(before!)).toBe(false);
  });

  it('learn-attribute from two folders, then forget-attribute', async () => {
    for (const [folder, seed] of [['pos', '10'], ['neg', '20']] as const) {
      mkdirSync(join(dir, folder), { recursive: true });
      for (const k of [0, 1, 2]) expect((await cli('sample', '-m', 'testfam', '-n', '1', '--seed', `${Number(seed) + k}`, '-o', join(dir, folder, `${k}.png`))).code).toBe(0);
    }
    writeFileSync(join(dir, 'pos', 'notes.txt'), 'not an example');
    const learned = await cli('learn-attribute', '-m', 'testfam', '--name', 'taller', '--pos', join(dir, 'pos'), '--neg', join(dir, 'neg'), '--json');
    expect(learned.code).toBe(0);
    expect(JSON.parse(learned.out)).toMatchObject({ kind: 'attribute', attribute: { name: 'taller', learned: true, provenance: { method: 'encoder', positives: 3, negatives: 3 } } });
    const file = join(dir, 'state', 'attributes', 'testfam.json');
    const stored = (): string[] => (JSON.parse(readFileSync(file, 'utf8')) as { attributes: { name: string }[] }).attributes.map((a) => a.name);
    expect(stored()).toEqual(['taller']);
    // The learned vector is usable by name at once.
    expect((await cli('edit', join(dir, 'pos', '0.png'), '-m', 'testfam', '--attr', 'taller=1', '--method', 'encoder', '-o', join(dir, 'taller.png'))).code).toBe(0);

    const forgot = await cli('forget-attribute', '-m', 'testfam', '--name', 'taller', '--json');
    expect(forgot.code).toBe(0);
    expect(JSON.parse(forgot.out)).toEqual({ removed: 'taller', family: 'testfam', file });
    expect(stored()).toEqual([]);
    // Built-in (shipped) attributes are not the user's to delete: exit 1, and why.
    const refused = await cli('forget-attribute', '-m', 'testfam', '--name', 'wider');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('built-in attributes cannot be removed');
  });

  it('refuses bad usage with exit code 2', async () => {
    expect((await cli('edit', 'x.png', '--attr', 'Bad=1', '-o', 'y.png')).code).toBe(2);
    expect((await cli('edit', 'x.png', '--attr', 'ok=9', '-o', 'y.png')).code).toBe(2);
    expect((await cli('invert', 'x.png', '--method', 'magic')).code).toBe(2);
    expect((await cli('invert', 'x.png', '--pixel-loss', 'l3')).code).toBe(2);
    expect((await cli('sample', '-n', '0', '-o', 'g.png')).code).toBe(2);
    expect((await cli('forget-attribute', '--name', 'Bad Name')).code).toBe(2);
  });
});
