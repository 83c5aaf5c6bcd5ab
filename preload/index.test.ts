import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_DROP_CHANNEL, type LatentshopFiles } from './contract/service';

const electron = vi.hoisted(() => ({ exposed: new Map<string, unknown>(), invoked: [] as [string, unknown][] }));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: { invoke: async (channel: string, payload: unknown) => void electron.invoked.push([channel, payload]), on: () => undefined, off: () => undefined },
  // Files the user dropped have a path on disk; a File built by page script has none ('').
  webUtils: { getPathForFile: (file: File) => (file.name.startsWith('disk-') ? `/photos/${file.name}` : '') },
}));

await import('./index');
const files = electron.exposed.get('latentshopFiles') as LatentshopFiles;
const file = (name: string) => new File([new Uint8Array(1)], name);

describe('preload: recording dropped files', () => {
  beforeEach(() => void (electron.invoked.length = 0));

  it('sends main the paths of files on disk, and gives null for a File the page built', async () => {
    expect(await files.recordDropped([file('disk-a.png'), file('made.png'), file('disk-b.png')])).toEqual(['/photos/disk-a.png', null, '/photos/disk-b.png']);
    expect(electron.invoked).toEqual([[IPC_DROP_CHANNEL, ['/photos/disk-a.png', '/photos/disk-b.png']]]);
  });

  it('sends nothing when no file has a path', async () => {
    expect(await files.recordDropped([file('made.png')])).toEqual([null]);
    expect(electron.invoked).toEqual([]);
  });

  it('exposes only the bridge and the drop recorder, no free-form path helper', () => {
    expect([...electron.exposed.keys()]).toEqual(['latentshop', 'latentshopFiles']);
    expect(Object.keys(files)).toEqual(['recordDropped']);
  });
});
