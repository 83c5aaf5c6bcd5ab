import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BatchFileRef, BatchStatus } from '../../preload/contract/types';
import { createRuntime, type Runtime } from '../app/runtime';
import { engineEntry } from '../engine/host/entry';
import { forkSpawner } from '../engine/host/spawner';
import { expandPaths } from './expand';
import { planBatch } from './plan';
import { sameOutsideHole, writeBatchFixtures, writeMask } from './test-fixtures';

const dir = mkdtempSync(join(tmpdir(), 'latentshop-batch-'));
const stateDir = join(dir, 'state');
const runtimes: Runtime[] = [];
afterAll(() => {
  runtimes.forEach((r) => r.dispose());
  rmSync(dir, { recursive: true, force: true });
});

/** A real runtime with two engine processes; a second one on the same state dir is "main restarted". */
function start(): Runtime {
  const env = { ...process.env, LATENTSHOP_CACHE_DIR: join(dir, 'cache'), LATENTSHOP_BACKEND: 'wasm' };
  const runtime = createRuntime(forkSpawner(engineEntry(env)), { mode: 'browser', exportDir: join(dir, 'exports'), previewUrl: (id) => id, stateDir }, 2);
  runtimes.push(runtime);
  return runtime;
}

function until(runtime: Runtime, test: (s: BatchStatus) => boolean): Promise<BatchStatus> {
  return new Promise((resolve) => {
    const check = (s: BatchStatus): void => {
      if (!test(s)) return;
      runtime.batches.off('progress', check);
      resolve(s);
    };
    runtime.batches.on('progress', check);
  });
}

describe('batch inpainting on the engine pool', () => {
  it('survives an engine kill and a main restart: every output once, complete, outside the mask untouched', async () => {
    const inputs = join(dir, 'in');
    const out = join(dir, 'out');
    const names = await writeBatchFixtures(inputs, 6);
    const first = start();
    const record = await planBatch(await expandPaths([inputs]), out, { method: 'fill' });
    await first.batches.start(record);
    await until(first, (s) => s.done >= 1);
    process.kill(first.hosts[0]?.pid ?? 0, 'SIGKILL');
    await until(first, (s) => s.done >= 3);
    first.dispose();
    const persisted = JSON.parse(readFileSync(join(stateDir, 'batches', `${record.batchId}.json`), 'utf8')) as { items: { state: string }[] };
    expect(persisted.items.some((i) => i.state !== 'done')).toBe(true);

    const second = start();
    await second.batches.restore();
    const status = await second.batches.whenFinished(record.batchId);
    expect(status).toMatchObject({ state: 'done', total: 6, done: 6, failed: 0 });
    const files = readdirSync(out);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(files.filter((f) => f.includes('.inpainted')).sort()).toEqual(names.map((n) => n.replace('.png', '.inpainted.png')).sort());
    for (const name of names) expect(await sameOutsideHole(join(inputs, name), join(out, name.replace('.png', '.inpainted.png')))).toBe(true);
    const report = JSON.parse(readFileSync(status.reportPath ?? '', 'utf8')) as { done: number; failures: unknown[] };
    expect(report).toMatchObject({ done: 6, failures: [] });
  }, 240_000);

  it('reports a wrong-size mask and a missing mask, naming the files', async () => {
    const inputs = join(dir, 'bad');
    await writeBatchFixtures(inputs, 2);
    await writeMask(join(inputs, 'photo2.mask.png'), 50, 40);
    rmSync(join(inputs, 'photo1.mask.png'));
    const runtime = runtimes.at(-1) ?? start();
    const record = await planBatch(await expandPaths([inputs]), join(dir, 'bad-out'), { method: 'fill' });
    await runtime.batches.start(record);
    const status = await runtime.batches.whenFinished(record.batchId);
    expect(status).toMatchObject({ state: 'done', done: 0, failed: 2 });
    const [missing, wrong] = status.items;
    expect(missing?.error?.message).toContain('No mask for photo1.png');
    expect(wrong?.error).toMatchObject({ code: 'BAD_ARGUMENT' });
    expect(wrong?.error?.message).toMatch(/photo2\.png \(mask photo2\.mask\.png\)\. The mask is 50 × 40 pixels but the image is 128 × 96/);
    const report = JSON.parse(readFileSync(status.reportPath ?? '', 'utf8')) as { failures: { name: string; message: string }[] };
    expect(report.failures.map((f) => f.name)).toEqual(['photo1.png', 'photo2.png']);
  }, 120_000);

  it('names uploaded files in the report as they were dropped, not by their staged copies', async () => {
    const inputs = join(dir, 'uploaded');
    await writeBatchFixtures(inputs, 2);
    await writeMask(join(inputs, 'photo2.mask.png'), 50, 40);
    const runtime = runtimes.at(-1) ?? start();
    const upload = async (name: string, folder: string): Promise<BatchFileRef> => {
      const { uploadId } = await runtime.service.uploadBatchFile({ name, dataBase64: readFileSync(join(inputs, name)).toString('base64') });
      return { name, uploadId, folder };
    };
    const files = [await upload('photo1.png', 'shoots/a'), await upload('photo2.png', 'shoots/b'), await upload('photo2.mask.png', 'shoots/b')];
    const started = await runtime.service.startBatch({ files, method: 'fill' });
    const status = await runtime.batches.whenFinished(started.batchId);
    expect(status).toMatchObject({ done: 0, failed: 2 });
    const report = JSON.parse(readFileSync(status.reportPath ?? '', 'utf8')) as { failures: { input: string; mask?: string }[] };
    expect(report.failures).toEqual([
      expect.objectContaining({ input: 'shoots/a/photo1.png' }),
      expect.objectContaining({ input: 'shoots/b/photo2.png', mask: 'shoots/b/photo2.mask.png' }),
    ]);
    // The staged copies are gone once the batch ends, so a path to them would lead nowhere.
    await expect.poll(() => readdirSync(join(stateDir, 'uploads')).length).toBe(0);
  }, 120_000);
});
