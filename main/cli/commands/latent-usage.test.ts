import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../args';
import { cli } from '../test-helpers';
import { parseAttributes } from './latent-attrs';
import { setUpLatentCli } from './latent-test-setup';

let dir = '';
let one = '';
let cleanup = (): void => undefined;
beforeAll(async () => ({ dir, one, cleanup } = await setUpLatentCli()));
afterAll(() => cleanup());

const m = ['-m', 'testfam'];

describe('--attr NAME=ALPHA', () => {
  it('takes exactly one name and one plain decimal in [-3, 3]', () => {
    expect(parseAttributes(['size=-1.5', 'wider=+2', 'x=.5', 'y=3', 'z=-3'])).toEqual({ size: -1.5, wider: 2, x: 0.5, y: 3, z: -3 });
    for (const pair of ['size', 'size=', 'size=1=2', 'size=0x1', 'size=1e0', 'size= 1', 'size=Infinity', 'size=3.5', 'size=-3.01', '=1', 'Size=1']) {
      expect(() => parseAttributes([pair]), pair).toThrow(UsageError);
      expect(() => parseAttributes([pair]), pair).toThrow(`"${pair}"`);
    }
    expect(() => parseAttributes(['size=1', 'size=2'])).toThrow('--attr size is given twice');
  });

  it('the CLI exits 2 naming the bad pair', async () => {
    const result = await cli('edit', one, ...m, '--attr', 'wider=1=2', '-o', join(dir, 'x.png'));
    expect(result.code).toBe(2);
    expect(result.err).toContain('--attr "wider=1=2" must be NAME=ALPHA with one number');
  });
});

describe('learn-attribute', () => {
  const stateFile = (): string => join(dir, 'state', 'attributes', 'testfam.json');
  const learned = (): string[] => (existsSync(stateFile()) ? (JSON.parse(readFileSync(stateFile(), 'utf8')) as { attributes: { name: string }[] }).attributes.map((a) => a.name) : []);

  it('refuses the same images as positives and negatives', async () => {
    const pos = join(dir, 'pos');
    mkdirSync(pos);
    for (const seed of ['10', '11']) await cli('sample', ...m, '-n', '1', '--seed', seed, '-o', join(pos, `${seed}.png`));
    const same = await cli('learn-attribute', ...m, '--name', 'same', '--pos', pos, '--neg', pos);
    expect(same.code).toBe(2);
    expect(same.err).toContain('--pos and --neg hold the same images, so the attribute would be all zeros');
    // A copy of the folder is the same set of images too.
    cpSync(pos, join(dir, 'copy'), { recursive: true });
    expect((await cli('learn-attribute', ...m, '--name', 'same', '--pos', pos, '--neg', join(dir, 'copy'))).code).toBe(2);
    // One shared example is named.
    mkdirSync(join(dir, 'mixed'));
    cpSync(join(pos, '10.png'), join(dir, 'mixed', 'a.png'));
    await cli('sample', ...m, '-n', '1', '--seed', '12', '-o', join(dir, 'mixed', 'b.png'));
    const mixed = await cli('learn-attribute', ...m, '--name', 'same', '--pos', pos, '--neg', join(dir, 'mixed'));
    expect(mixed.err).toContain(`${join(pos, '10.png')} (--pos) and ${join(dir, 'mixed', 'a.png')} (--neg) are the same image`);
    expect(learned()).toEqual([]);
  });

  it('refuses an existing name unless --overwrite', async () => {
    const neg = join(dir, 'neg');
    mkdirSync(neg);
    await cli('sample', ...m, '-n', '1', '--seed', '20', '-o', join(neg, 'n.png'));
    const learn = (name: string, ...extra: string[]) => cli('learn-attribute', ...m, '--name', name, '--pos', join(dir, 'pos'), '--neg', neg, ...extra);
    const builtIn = await learn('wider');
    expect(builtIn.code).toBe(1);
    expect(builtIn.err).toContain('"wider" is a built-in attribute of testfam. Choose another name, or allow overwriting');
    expect((await learn('taller')).code).toBe(0);
    const again = await learn('taller');
    expect(again.code).toBe(1);
    expect(again.err).toContain('You already learned an attribute "taller" for testfam.');
    expect((await learn('taller', '--overwrite')).code).toBe(0);
    expect((await learn('wider', '--overwrite')).code).toBe(0);
    expect(learned()).toEqual(['taller', 'wider']);
  });
});

describe('regions and strokes must meet the image', () => {
  it('a region off the image is refused with the image size; one that overlaps runs', async () => {
    for (const argv of [['invert', one, '--method', 'encoder'], ['classify', one], ['edit', one, '--attr', 'wider=1', '-o', join(dir, 'e.png')]]) {
      const result = await cli(...argv, ...m, '--region', '600,600,50,50');
      expect(result.code, argv[0]).toBe(2);
      expect(result.err).toContain(`--region 600,600,50,50 lies outside ${one}, which is 32×32 pixels`);
    }
    expect(existsSync(join(dir, 'e.png'))).toBe(false);
    const overlapping = await cli('invert', one, ...m, '--method', 'encoder', '--region', '16,16,100,100', '--json');
    expect(overlapping.code).toBe(0);
    expect(JSON.parse(overlapping.out)).toMatchObject({ region: { x: 16, y: 16, width: 16, height: 16 } });
    const classified = await cli('classify', one, ...m, '--region', '0,0,16,16', '--json');
    expect(JSON.parse(classified.out)).toMatchObject({ images: [{ region: { x: 0, y: 0, width: 16, height: 16 } }] });
  });

  it('constrain refuses strokes that all miss the image', async () => {
    const strokes = join(dir, 'far.json');
    writeFileSync(strokes, JSON.stringify([{ kind: 'colour', colour: '#ffffff', size: 4, points: [{ x: 5000, y: 5000 }] }, { kind: 'sketch', size: 2, points: [{ x: 5000, y: 5000 }, { x: 6000, y: 40 }] }]));
    const out = join(dir, 'c.png');
    const result = await cli('constrain', one, ...m, '--strokes', strokes, '-o', out);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`every stroke in ${strokes} lies outside ${one}, which is 32×32 pixels`);
    expect(existsSync(out)).toBe(false);
    // A line whose ends are both outside but which crosses the image counts.
    writeFileSync(strokes, JSON.stringify([{ kind: 'sketch', size: 2, points: [{ x: -100, y: 16 }, { x: 100, y: 16 }] }]));
    expect((await cli('constrain', one, ...m, '--strokes', strokes, '--method', 'encoder', '--iterations', '2', '--candidates', '1', '-o', out)).code).toBe(0);
  });
});

describe('--progress', () => {
  it('prints per stage and per 10%, not per iteration', async () => {
    const invert = await cli('invert', one, ...m, '--method', 'optimize', '--iterations', '60', '--starts', '1', '--progress');
    expect(invert.code).toBe(0);
    const lines = invert.err.trim().split('\n');
    expect(lines.every((l) => /^invert \d+%$/.test(l))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(11);
    const edit = await cli('edit', one, ...m, '--attr', 'wider=1', '--method', 'hybrid', '--iterations', '40', '--progress', '-o', join(dir, 'p.png'));
    expect(edit.code).toBe(0);
    expect(edit.err).not.toMatch(/iteration|preview|loss/);
    expect(edit.err.trim().split('\n').length).toBeLessThanOrEqual(16);
  });
});

describe('each command takes its own flags', () => {
  it.each([
    [['invert', 'a.png', '--attr', 'wider=1'], /Unknown option '--attr'/],
    [['edit', 'a.png', '--attr', 'wider=1', '--z-out', 'z.json', '-o', 'b.png'], /Unknown option '--z-out'/],
    [['invert', 'a.png', 'b.png'], /takes one input image; also given: b\.png/],
    [['encode', 'a.png', 'b.png'], /takes one input image; also given: b\.png/],
    [['constrain', 'a.png', 'b.png', '--strokes', 's.json', '-o', 'c.png'], /takes one input image/],
    [['sample', 'a.png', '-o', 'g.png'], /Unexpected argument 'a\.png'/],
    [['sample', '--region', '0,0,1,1', '-o', 'g.png'], /Unknown option '--region'/],
    [['generate', '--z', 'z.json', '-o', 'g.png', '--progress'], /Unknown option '--progress'/],
    [['invert', 'a.png', '--method', 'encoder', '--iterations', '5'], /--iterations and --starts tune optimize and hybrid/],
  ])('exits 2: %j', async (argv, message) => {
    const result = await cli(...argv);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('prints its own help', async () => {
    const help = async (command: string): Promise<string> => (await cli(command, '--help')).out;
    const invert = await help('invert');
    expect(invert).toMatch(/^Usage: latentshop invert <image>/);
    expect(invert).toContain('default: optimize 500, hybrid 50');
    expect(invert).not.toContain('--attr');
    const edit = await help('edit');
    expect(edit).toMatch(/^Usage: latentshop edit <image> --attr NAME=ALPHA/);
    expect(edit).not.toContain('--z-out');
    expect(await help('classify')).toContain('--region');
    expect(await help('sample')).not.toContain('--region');
    expect(await help('constrain')).toContain('--iterations N        steps of the constrained search, 1–2000 (default 60)');
  });
});
