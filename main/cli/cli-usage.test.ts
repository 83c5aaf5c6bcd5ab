import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBatchFixtures } from '../batch/test-fixtures';
import { makeTempDir } from '../engine/io/test-fixtures';
import { cli } from './test-helpers';

let dir = '';
let cleanup: () => Promise<void> = async () => undefined;
beforeAll(async () => ({ dir, cleanup } = await makeTempDir()));
afterAll(() => cleanup());

describe('latentshop usage', () => {
  it.each([
    [['resize'], /^latentshop resize: missing the input file\n/],
    [['resize', 'a.png', '--scale', '2'], /missing -o <output>/],
    [['resize', 'a.png', '-o', 'b.png'], /give --scale, or --width/],
    [['resize', 'a.png', '--scale', 'big', '-o', 'b.png'], /--scale must be a number/],
    [['resize', 'a.png', '--scale', '2', '--width', '5', '-o', 'b.png'], /not both/],
    [['resize', 'a.png', '--scale', '2', '-o', 'b.gif'], /cannot tell the format/],
    [['resize', 'a.png', '--scale', '2', '-o', 'b.png', '--bogus'], /Unknown option '--bogus'/],
    // A value that starts with a dash: the cause and the way to write it, not Node's bare "ambiguous".
    [['resize', 'a.png', '--scale', '2', '-o', '-b.png'], /^latentshop resize: -o needs a value, and the argument after it starts with a dash\. If that is the value, join them with '=': --output=-…\n/],
    [['edit', 'a.png', '--attr', '-1', '-o', 'b.png'], /--attr needs a value.*join them with '=': --attr=-…/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [[], /no command given/],
  ])('exits 2 on bad usage: %j', async (argv, message) => {
    const { code, err, out } = await cli(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
    expect(out).toBe('');
  });

  it('prints help on stdout with exit 0', async () => {
    for (const argv of [['--help'], ['resize', '--help'], ['info', '-h']]) {
      const { code, out } = await cli(...argv);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: latentshop/);
    }
  });
});

describe('latentshop info', () => {
  it('reports the backend and versions as JSON', async () => {
    const { code, out } = await cli('info', '--json');
    expect(code).toBe(0);
    const info = JSON.parse(out) as { backend: { name: string; reason: string }; versions: Record<string, string>; mode: string };
    expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).toContain(info.backend.name);
    expect(info.versions).toMatchObject({ node: process.versions.node, sharp: sharp.versions.sharp });
    expect(info.mode).toBe('cli');
  });
});

describe('the real process', () => {
  it('sets the exit code and keeps stack traces off stderr', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
    const bad = run('resize', join(dir, 'nope.png'), '--scale', '2', '-o', join(dir, 'z.png'));
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(run('resize').status).toBe(2);
  }, 30_000);

  it('removes its temp folders when stopped with Ctrl+C, and exits 130', async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const temp = join(dir, 'tmp');
    const inputs = join(dir, 'interrupted');
    await mkdir(temp, { recursive: true });
    await writeBatchFixtures(inputs, 2);
    // Two workers: the engines' cache folder is made before any file runs.
    const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/main.ts', 'inpaint', inputs, '-o', join(dir, 'interrupted-out'), '--workers', '2'], { cwd: root, env: { ...process.env, TMPDIR: temp }, stdio: 'ignore' });
    await expect.poll(() => readdirSync(temp).filter((n) => n.startsWith('latentshop-cli-')).length, { timeout: 90_000 }).toBe(1);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(readdirSync(temp).filter((n) => n.startsWith('latentshop-'))).toEqual([]);
  }, 120_000);
});
