import { beforeEach, describe, expect, it } from 'vitest';
import type { ImageInfo, LatentshopApi } from '../../../preload/contract';
import { setApi } from '../ipc/api';
import * as h from './history';

import * as pinia from 'pinia';
import * as store from './document';

const image = (id: string): ImageInfo => ({
  id, name: `${id}.png`, width: 10, height: 10, channels: 3, bitDepth: 8, hasIcc: false, hasExif: false, previewUrl: `/p/${id}`,
});

describe('history', () => {
  it('undoes and redoes within bounds', () => {
    let hist = h.push(h.emptyHistory<string>(), 'a', 5).history;
    hist = h.push(hist, 'b', 5).history;
    expect(h.current(hist)).toBe('b');
    hist = h.undo(hist);
    expect(h.current(hist)).toBe('a');
    expect(h.canUndo(hist)).toBe(false);
    expect(h.undo(hist)).toBe(hist);
    hist = h.redo(hist);
    expect(h.current(hist)).toBe('b');
    expect(h.canRedo(hist)).toBe(false);
  });

  it('cuts the redo branch on push and reports it as dropped', () => {
    let hist = h.emptyHistory<string>();
    for (const s of ['a', 'b', 'c']) hist = h.push(hist, s, 5).history;
    hist = h.undo(h.undo(hist));
    const change = h.push(hist, 'd', 5);
    expect(change.history.steps).toEqual(['a', 'd']);
    expect(change.dropped).toEqual(['b', 'c']);
    expect(h.canRedo(change.history)).toBe(false);
  });

  it('trims the oldest steps past the cap', () => {
    let hist = h.emptyHistory<number>();
    const dropped: number[] = [];
    for (let i = 0; i < 7; i++) {
      const change = h.push(hist, i, 3);
      hist = change.history;
      dropped.push(...change.dropped);
    }
    expect(hist.steps).toEqual([4, 5, 6]);
    expect(dropped).toEqual([0, 1, 2, 3]);
  });

  it('reset drops everything before', () => {
    const hist = h.push(h.push(h.emptyHistory<string>(), 'a', 5).history, 'b', 5).history;
    const change = h.reset(hist, 'c');
    expect(change.history).toEqual({ steps: ['c'], index: 0 });
    expect(change.dropped).toEqual(['a', 'b']);
  });
});

describe('useDocumentStore', () => {
  let released: string[];

  beforeEach(() => {
    released = [];
    pinia.setActivePinia(pinia.createPinia());
    const fake: Partial<LatentshopApi> = {
      releaseImage: async ({ imageId }) => void released.push(imageId),
    };
    setApi(fake as LatentshopApi);
  });

  it('releases steps that can no longer be reached', async () => {
    const doc = store.useDocumentStore();
    doc.open(image('a'));
    doc.push(image('b'));
    doc.undo();
    expect(doc.current?.id).toBe('a');
    expect(doc.canRedo).toBe(true);
    doc.push(image('c'));
    await Promise.resolve();
    expect(released).toEqual(['b']);
    doc.open(image('d'));
    await Promise.resolve();
    expect(released).toEqual(['b', 'a', 'c']);
  });

  it('caps the history and releases the oldest', async () => {
    const doc = store.useDocumentStore();
    doc.open(image('i0'));
    for (let i = 1; i <= store.HISTORY_CAP + 2; i++) doc.push(image(`i${i}`));
    await Promise.resolve();
    expect(doc.steps).toHaveLength(store.HISTORY_CAP);
    expect(released).toEqual(['i0', 'i1', 'i2']);
    expect(doc.current?.id).toBe(`i${store.HISTORY_CAP + 2}`);
  });

  it('is dirty while the image on screen or the newest step is not on disk', () => {
    const doc = store.useDocumentStore();
    expect(doc.dirty).toBe(false);
    doc.open(image('a'));
    expect(doc.dirty).toBe(false);
    doc.push(image('b'));
    expect(doc.dirty).toBe(true);
    doc.undo();
    expect(doc.dirty).toBe(true); // b is still there to redo, and nowhere on disk.
    doc.redo();
    doc.markSaved('b');
    expect(doc.dirty).toBe(false);
    doc.undo();
    expect(doc.dirty).toBe(false); // a is the opened file, b was exported.
    doc.redo();
    doc.push(image('c'));
    doc.push(image('d'));
    doc.markSaved('d');
    expect(doc.dirty).toBe(false); // c in between is not asked about.
    doc.undo();
    expect(doc.dirty).toBe(true);
    doc.open(image('e'));
    expect(doc.dirty).toBe(false);
  });
});
