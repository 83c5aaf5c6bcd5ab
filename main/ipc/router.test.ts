import { describe, expect, it } from 'vitest';
import type { LatentshopMethods } from '../../preload/contract/service';
import { createRouter } from './router';

function fakeService(calls: unknown[]): LatentshopMethods {
  const record = async (args: unknown) => {
    calls.push(args);
    return { jobId: 'job_1' };
  };
  return new Proxy({} as LatentshopMethods, { get: () => record });
}

describe('router validation', () => {
  const calls: unknown[] = [];
  const dispatch = createRouter(fakeService(calls));

  it('passes valid arguments through', async () => {
    const reply = await dispatch({ id: 1, method: 'startJob', args: { spec: { op: 'resize', imageId: 'img_1', scale: 2 } } });
    expect(reply).toEqual({ id: 1, ok: true, value: { jobId: 'job_1' } });
    expect(calls).toHaveLength(1);
  });

  it.each([
    ['unknown method', { id: 2, method: 'eval', args: {} }, /Unknown method/],
    ['malformed request', { id: 'x', method: 'info' }, /Malformed/],
    ['scale out of range', { id: 3, method: 'startJob', args: { spec: { op: 'resize', imageId: 'img_1', scale: 1000 } } }, /spec.scale/],
    ['resize without size', { id: 4, method: 'startJob', args: { spec: { op: 'resize', imageId: 'img_1' } } }, /needs a scale/],
    ['unknown op', { id: 5, method: 'startJob', args: { spec: { op: 'rm-rf', imageId: 'img_1' } } }, /spec.op/],
    ['extra argument', { id: 6, method: 'info', args: { path: '/etc/passwd' } }, /Unrecognized key/i],
    ['path in export name', { id: 7, method: 'exportImage', args: { imageId: 'img_1', options: { format: 'png' }, name: '../../x.png' } }, /name/],
    ['bad image id', { id: 8, method: 'releaseImage', args: { imageId: '../../etc' } }, /imageId/],
    ['bad export format', { id: 9, method: 'exportImage', args: { imageId: 'img_1', options: { format: 'exe' } } }, /options.format/],
    ['upload name with slash', { id: 10, method: 'upload', args: { name: 'a/b.png', dataBase64: 'AA==' } }, /name/],
  ])('rejects %s with BAD_ARGUMENT and never calls the service', async (_label, request, message) => {
    const before = calls.length;
    const reply = await dispatch(request);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('BAD_ARGUMENT');
    expect(reply.error.message).toMatch(message);
    expect(calls).toHaveLength(before);
  });

  it('turns a thrown error into a typed reply without a stack trace', async () => {
    const failing = createRouter(
      new Proxy({} as LatentshopMethods, {
        get: () => async () => {
          throw new Error('boom\n    at secret (/src/x.ts:1:1)');
        },
      }),
    );
    const reply = await failing({ id: 11, method: 'info', args: {} });
    expect(reply).toEqual({ id: 11, ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });
});
