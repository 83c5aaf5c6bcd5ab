import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../test-helpers';
import { leftoverTemps, setUpLatentCli } from './latent-test-setup';

let dir = '';
let one = '';
let cleanup = (): void => undefined;
beforeAll(async () => ({ dir, one, cleanup } = await setUpLatentCli()));
afterAll(() => cleanup());

const m = ['-m', 'testfam'];

describe('--z-out', () => {
  it('never replaces the input: an image name is refused, and so is the input under any name', async () => {
    const before = readFileSync(one);
    const asImage = await cli('invert', one, ...m, '--method', 'encoder', '--z-out', one);
    expect(asImage.code).toBe(2);
    expect(asImage.err).toMatch(/--z-out writes the code as JSON; ".*one\.png" is an image name/);
    // The same photo without an extension: the name cannot tell, the file's identity does.
    const bare = join(dir, 'victim');
    copyFileSync(one, bare);
    const victim = readFileSync(bare);
    const refused = await cli('invert', bare, ...m, '--method', 'encoder', '--z-out', bare);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Saving would replace the original, victim.');
    expect(readFileSync(one).equals(before)).toBe(true);
    expect(readFileSync(bare).equals(victim)).toBe(true);
  });

  it('refuses an existing file unless --overwrite, then writes JSON atomically', async () => {
    const z = join(dir, 'kept.json');
    writeFileSync(z, 'keep me');
    for (const argv of [['invert', one, '--method', 'encoder'], ['encode', one]]) {
      const refused = await cli(...argv, ...m, '--z-out', z);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`${z}: kept.json already exists. Choose another name, or allow overwriting.`);
      expect(readFileSync(z, 'utf8')).toBe('keep me');
    }
    const replaced = await cli('encode', one, ...m, '--z-out', z, '--overwrite', '--json');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(readFileSync(z, 'utf8'))).toHaveLength(64);
    expect(JSON.parse(replaced.out)).toMatchObject({ zOut: z });
    expect(leftoverTemps(dir)).toEqual([]);
  });

  it('words a missing folder and a folder in the way, naming the file', async () => {
    const missing = await cli('invert', one, ...m, '--method', 'encoder', '--z-out', join(dir, 'nodir', 'z.json'));
    expect(missing.code).toBe(1);
    expect(missing.err).toBe(`latentshop: ${join(dir, 'nodir', 'z.json')}: z.json could not be saved: the folder does not exist.\n`);
    const folder = join(dir, 'a-folder.json');
    mkdirSync(folder);
    for (const overwrite of [[], ['--overwrite']]) {
      const inTheWay = await cli('encode', one, ...m, '--z-out', folder, ...overwrite);
      expect(inTheWay.code).toBe(1);
      expect(inTheWay.err).toContain('a-folder.json could not be saved: a folder has that name.');
      expect(inTheWay.err).not.toMatch(/EISDIR|ENOENT/);
    }
  });
});

describe('outputs are checked before the work', () => {
  // With --progress, an inversion that had started would have printed its first line.
  const slow = ['--method', 'optimize', '--iterations', '2000', '--starts', '4', '--progress'];

  it('an existing -o, an unknown extension, a code under an image name, a missing folder', async () => {
    const existing = join(dir, 'exists.png');
    copyFileSync(one, existing);
    const cases: [string[], number, RegExp][] = [
      [['invert', one, ...m, ...slow, '-o', existing], 1, /exists\.png already exists/],
      [['invert', one, ...m, ...slow, '-o', join(dir, 'out', 'rec.xyz')], 2, /cannot tell the format from ".*rec\.xyz" \(-o\)/],
      [['invert', one, ...m, ...slow, '-o', join(dir, 'rec.png'), '--z-out', existing], 2, /--z-out writes the code as JSON/],
      [['invert', one, ...m, ...slow, '-o', join(dir, 'nodir', 'rec.png'), '--overwrite'], 1, /rec\.png could not be saved: the folder does not exist/],
      [['invert', one, ...m, ...slow, '-o', one], 1, /Saving would replace the original, one\.png/],
      [['edit', one, ...m, ...slow, '--attr', 'wider=1', '-o', existing], 1, /exists\.png already exists/],
      [['constrain', one, ...m, '--strokes', join(dir, 'none.json'), '--progress', '-o', existing], 1, /exists\.png already exists/],
      [['sample', ...m, '-n', '1', '-o', existing], 1, /exists\.png already exists/],
    ];
    for (const [argv, code, message] of cases) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(code);
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/invert \d+%|load model/);
    }
    expect(existsSync(join(dir, 'rec.png'))).toBe(false);
  });

  it('edit refuses an unknown attribute with exit 2 before inverting, listing the known ones', async () => {
    const out = join(dir, 'never.png');
    const result = await cli('edit', one, ...m, ...slow, '--attr', 'nosuch=1', '-o', out);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown attribute "nosuch" for family testfam (known: wider)');
    expect(result.err).not.toMatch(/invert|load model/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('file errors name the file, in words', () => {
  it('bad JSON, a missing file, a missing folder, a file for a folder', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{a');
    const out = join(dir, 'g.png');
    const badZ = await cli('generate', ...m, '--z', bad, '-o', out);
    expect(badZ.code).toBe(2);
    expect(badZ.err).toMatch(new RegExp(`^latentshop generate: ${bad} is not valid JSON \\(`));
    const badStrokes = await cli('constrain', one, ...m, '--strokes', bad, '-o', out);
    expect(badStrokes.err).toContain(`${bad} is not valid JSON`);
    const missing = join(dir, 'nonexist.json');
    for (const argv of [['generate', ...m, '--z', missing, '-o', out], ['constrain', one, ...m, '--strokes', missing, '-o', out]]) {
      const result = await cli(...argv);
      expect(result.code).toBe(1);
      expect(result.err).toBe(`latentshop: ${missing}: nonexist.json was not found. It may have been moved or deleted.\n`);
    }
    const noDir = await cli('learn-attribute', ...m, '--name', 'x', '--pos', join(dir, 'nodir'), '--neg', dir);
    expect(noDir.err).toBe(`latentshop: ${join(dir, 'nodir')}: nodir was not found. It may have been moved or deleted.\n`);
    const file = await cli('learn-attribute', ...m, '--name', 'x', '--pos', one, '--neg', dir);
    expect(file.err).toBe(`latentshop: ${one}: one.png is a file, not a folder.\n`);
    expect(existsSync(out)).toBe(false);
  });

  it('a family that is not installed: the folder once, and the installed families', async () => {
    const result = await cli('invert', one, '-m', 'nofam', '--method', 'encoder');
    expect(result.code).toBe(1);
    expect(result.err).toBe(`latentshop: No model family "nofam" in ${dir}; installed: testfam.\n`);
    expect((await cli('encode', one, '-m', '../testfam')).err).toContain('No model family "../testfam"');
  });
});
