import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchService } from '../batch/batch-service';
import type { BatchRunner } from '../batch/runner';
import type { EngineHost } from '../engine/host/engine-host';
import type { JobQueue } from '../engine/host/job-queue';
import { LatentshopService } from './latentshop-service';
import { PathRegistry } from './path-registry';

const root = mkdtempSync(join(tmpdir(), 'latentshop-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const photo = join(root, 'photo.png');
writeFileSync(photo, '');
const refused = { code: 'PATH_NOT_ALLOWED', message: 'This file was not opened through a dialog or a drop.' };

/** The service with an engine that records what it was asked to open. */
function desktop(paths: PathRegistry) {
  const opened: string[] = [];
  const host = Object.assign(new EventEmitter(), {
    call: async (_op: string, { path }: { path: string }) => (opened.push(path), { id: 'img_1', name: 'photo.png' }),
  });
  // No output folder chosen: a batch that gets past the path check stops there, before any work.
  const batches = new BatchService(new EventEmitter() as unknown as BatchRunner, paths, { mode: 'electron', exportDir: root, chooseFolder: async () => undefined }, root);
  const platform = { mode: 'electron' as const, exportDir: root, previewUrl: (id: string) => `latentshop://app/image/${id}.png` };
  const service = new LatentshopService([host as unknown as EngineHost], new EventEmitter() as unknown as JobQueue, paths, platform, batches);
  return { service, opened };
}

describe('PathRegistry: main opens only paths it recorded', () => {
  it('refuses a path the renderer names that no dialog or drop gave, naming it', () => {
    const paths = new PathRegistry();
    expect(() => paths.assertAllowed('/etc/passwd')).toThrow(expect.objectContaining({ ...refused, file: '/etc/passwd' }));
    paths.allow([photo]);
    expect(paths.assertAllowed(photo)).toBe(photo);
    // The same file however it is spelled; a sibling is still unknown.
    expect(paths.assertAllowed(join(root, 'x', '..', 'photo.png'))).toBe(photo);
    expect(() => paths.assertAllowed(join(root, 'other.png'))).toThrow(expect.objectContaining(refused));
  });

  it('openDropped opens a recorded drop and refuses anything else without touching the engine', async () => {
    const paths = new PathRegistry();
    const { service, opened } = desktop(paths);
    await expect(service.openDropped({ paths: [photo] })).rejects.toMatchObject(refused);
    expect(opened).toEqual([]);
    paths.allow([photo]);
    await expect(service.openDropped({ paths: [photo] })).resolves.toMatchObject([{ id: 'img_1', previewUrl: 'latentshop://app/image/img_1.png' }]);
    expect(opened).toEqual([photo]);
  });

  it('startBatch refuses an unrecorded path and accepts a recorded one', async () => {
    const paths = new PathRegistry();
    const { service } = desktop(paths);
    const files = [{ name: 'photo.png', path: photo }];
    await expect(service.startBatch({ files, method: 'fill' })).rejects.toMatchObject(refused);
    paths.allow([photo]);
    // Past the path check, it asks for the output folder (cancelled here).
    await expect(service.startBatch({ files, method: 'fill' })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
