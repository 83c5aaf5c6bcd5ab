import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sameOutsideHole, writeBatchFixtures, writeMask } from '../batch/test-fixtures';
import { cli } from './test-helpers';

const dir = mkdtempSync(join(tmpdir(), 'latentshop-cli-inpaint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const outputs = (folder: string) => readdirSync(folder).filter((f) => f.includes('.inpainted')).sort();

describe('latentshop inpaint', () => {
  it('exits 2 on bad usage', async () => {
    expect((await cli('inpaint', dir)).code).toBe(2);
    expect((await cli('inpaint', dir, '-o', join(dir, 'o'), '--method', 'magic')).err).toContain('--method must be fill, model or gan');
    expect((await cli('inpaint', dir, '-o', join(dir, 'o'), '--family', 'fashion')).err).toContain('--family is for --method gan');
    expect((await cli('inpaint', dir, '-o', join(dir, 'o'), '--mask', 'm.png', '--mask-suffix', '.m.png')).code).toBe(2);
    expect((await cli('inpaint', dir, '-o', join(dir, 'o'), '--workers', '0')).code).toBe(2);
  });

  it('fills a folder in process, pairing masks by name; a second run redoes nothing', async () => {
    const inputs = join(dir, 'in');
    const out = join(dir, 'out');
    const names = await writeBatchFixtures(inputs, 2);
    const first = await cli('inpaint', inputs, '--mask-suffix', '.mask.png', '--method', 'fill', '-o', out, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toMatchObject({ total: 2, done: 2, kept: 0, failed: 0, failures: [] });
    expect(outputs(out)).toEqual(['photo1.inpainted.png', 'photo2.inpainted.png']);
    for (const name of names) expect(await sameOutsideHole(join(inputs, name), join(out, name.replace('.png', '.inpainted.png')))).toBe(true);
    const before = statSync(join(out, 'photo1.inpainted.png')).mtimeMs;
    const again = await cli('inpaint', inputs, '-o', out);
    expect(again.code).toBe(0);
    // The kept outputs are named as such: a changed mask or method would not redo them.
    expect(again.out).toContain('2 of 2 done (2 already there, kept), 0 failed');
    expect(again.out).toContain('photo1.inpainted.png (already there: kept, not redone; delete it to redo)');
    expect(outputs(out)).toEqual(['photo1.inpainted.png', 'photo2.inpainted.png']);
    expect(statSync(join(out, 'photo1.inpainted.png')).mtimeMs).toBe(before);
  });

  it('says in words when the output folder cannot be made', async () => {
    const inputs = join(dir, 'unwritable-in');
    await writeBatchFixtures(inputs, 1);
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const result = await cli('inpaint', inputs, '-o', join(blocker, 'out'));
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/out could not be saved: /);
    expect(result.err).not.toMatch(/ENOTDIR|EEXIST|mkdir/);
  });

  it('finds the mask beside an image named on its own, as in its folder', async () => {
    const inputs = join(dir, 'named');
    const out = join(dir, 'named-out');
    const [first, second] = await writeBatchFixtures(inputs, 2);
    const result = await cli('inpaint', join(inputs, first ?? ''), join(inputs, second ?? ''), '-o', out, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ total: 2, done: 2, failed: 0 });
    expect(await sameOutsideHole(join(inputs, first ?? ''), join(out, 'photo1.inpainted.png'))).toBe(true);
    // With another suffix, only that name is looked for.
    const other = await cli('inpaint', join(inputs, first ?? ''), '--mask-suffix', '.hole.png', '-o', join(dir, 'named-out2'));
    expect(other.code).toBe(1);
    expect(other.err).toContain('No mask for photo1.png: put photo1.hole.png beside it');
  });

  it('exits 1 and names each failed file, still writing the others', async () => {
    const inputs = join(dir, 'mixed');
    const out = join(dir, 'mixed-out');
    await writeBatchFixtures(inputs, 3);
    rmSync(join(inputs, 'photo2.mask.png'));
    await writeMask(join(inputs, 'photo3.mask.png'), 10, 10);
    const result = await cli('inpaint', inputs, '-o', out);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`latentshop: ${join(inputs, 'photo2.png')}: No mask for photo2.png`);
    expect(result.err).toMatch(/photo3\.png: photo3\.png \(mask photo3\.mask\.png\)\. The mask is 10 × 10 pixels/);
    expect(outputs(out)).toEqual(['photo1.inpainted.png']);
  });

  it('completes with --method gan and a named family; a missing family fails with its name', async () => {
    const inputs = join(dir, 'gan');
    const out = join(dir, 'gan-out');
    const [name] = await writeBatchFixtures(inputs, 1);
    const result = await cli('inpaint', inputs, '--method', 'gan', '--family', 'fashion', '-o', out, '--json');
    expect([result.code, result.err]).toEqual([0, '']);
    expect(await sameOutsideHole(join(inputs, name!), join(out, name!.replace('.png', '.inpainted.png')))).toBe(true);
    const missing = await cli('inpaint', inputs, '--method', 'gan', '--family', 'nosuch', '-o', join(dir, 'gan-missing'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No GAN family "nosuch" is installed');
  }, 120_000);

  it('runs a shared mask over two forked engine workers', async () => {
    const inputs = join(dir, 'shared');
    const out = join(dir, 'shared-out');
    const names = await writeBatchFixtures(inputs, 3);
    await writeMask(join(dir, 'one.png'), 128, 96);
    for (const n of names) rmSync(join(inputs, n.replace('.png', '.mask.png')));
    const result = await cli('inpaint', ...names.map((n) => join(inputs, n)), '--mask', join(dir, 'one.png'), '-o', out, '--workers', '2', '--json');
    expect([result.code, result.err]).toEqual([0, '']);
    expect(JSON.parse(result.out)).toMatchObject({ done: 3, failed: 0 });
    for (const name of names) expect(await sameOutsideHole(join(inputs, name), join(out, name.replace('.png', '.inpainted.png')))).toBe(true);
  }, 120_000);
});
