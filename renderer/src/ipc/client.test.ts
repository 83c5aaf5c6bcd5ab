import { describe, expect, it } from 'vitest';
import type { LatentshopBridge, WireEvent, WireRequest } from '../../../preload/contract';
import { createApi } from './client';

function fakeBridge() {
  const sent: Array<Omit<WireRequest, 'id'>> = [];
  const listeners = new Set<(e: WireEvent) => void>();
  const bridge: LatentshopBridge = {
    request: async (req) => {
      sent.push(req);
      return req.method === 'startJob' ? { jobId: 'j1' } : undefined;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (event: WireEvent): void => listeners.forEach((l) => l(event));
  return { bridge, sent, emit, listeners };
}

describe('createApi', () => {
  it('turns method calls into requests', async () => {
    const { bridge, sent } = fakeBridge();
    const api = createApi(bridge);
    const started = await api.startJob({ spec: { op: 'resize', imageId: 'img', scale: 0.5 } });
    expect(started).toEqual({ jobId: 'j1' });
    expect(sent).toEqual([{ method: 'startJob', args: { spec: { op: 'resize', imageId: 'img', scale: 0.5 } } }]);
  });

  it('routes events to the matching onX listener only, and unsubscribes', () => {
    const { bridge, emit, listeners } = fakeBridge();
    const api = createApi(bridge);
    const seen: number[] = [];
    const off = api.onJobProgress((p) => seen.push(p.fraction));
    emit({ event: 'jobProgress', payload: { jobId: 'j1', op: 'resize', fraction: 0.25, stage: 'resize' } });
    emit({ event: 'jobDone', payload: { jobId: 'j1' } });
    expect(seen).toEqual([0.25]);
    off();
    expect(listeners.size).toBe(0);
  });

  it('is not mistaken for a promise', async () => {
    const api = createApi(fakeBridge().bridge);
    // If the proxy answered `then`, awaiting it would call a request named "then".
    await expect(Promise.resolve(api)).resolves.toBe(api);
  });

  it('passes rejections through', async () => {
    const bridge: LatentshopBridge = {
      request: () => Promise.reject({ code: 'UNKNOWN_IMAGE', message: 'gone' }),
      subscribe: () => () => undefined,
    };
    await expect(createApi(bridge).releaseImage({ imageId: 'x' })).rejects.toMatchObject({ code: 'UNKNOWN_IMAGE' });
  });
});
