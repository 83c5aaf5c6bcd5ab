import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from '../app/runtime';
import { CONTENT_SECURITY_POLICY } from '../server/security';

type Handler = (request: Request) => Promise<Response>;
const electron = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  schemes: [] as { scheme: string }[],
  fetched: [] as string[],
}));

vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: Handler) => electron.handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => electron.schemes.push(...schemes),
  },
  // The renderer's files: index.html exists, anything else is missing.
  net: {
    fetch: async (url: string) => {
      electron.fetched.push(url);
      return url.endsWith('/index.html')
        ? new Response('<!doctype html>', { headers: { 'Content-Type': 'text/html', 'X-From-File': '1' } })
        : new Response('', { status: 404 });
    },
  },
}));

const { handleProtocols, registerSchemes } = await import('./protocols');

const previews: string[] = [];
const runtime = {
  host: {
    call: async (_op: 'preview', { imageId }: { imageId: string }) => {
      previews.push(imageId);
      if (imageId === 'img_dead') throw new Error('released');
      return new Uint8Array([137, 80, 78, 71]);
    },
  },
} as unknown as Runtime;

const get = (url: string): Promise<Response> => {
  const handler = electron.handlers.get('latentshop');
  if (!handler) throw new Error('no app protocol handler');
  return handler(new Request(url));
};

describe('the app protocol (Electron)', () => {
  beforeEach(() => {
    electron.handlers.clear();
    electron.fetched.length = 0;
    previews.length = 0;
    handleProtocols('/app/dist/renderer', runtime);
  });

  it('is the only scheme: previews share the page origin, so the canvas stays readable', () => {
    registerSchemes();
    expect(electron.schemes.map((s) => s.scheme)).toEqual(['latentshop']);
    expect([...electron.handlers.keys()]).toEqual(['latentshop']);
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob:;");
  });

  it('serves /image/<id>.png from the engine, with the security headers', async () => {
    const response = await get('latentshop://app/image/img_0a1f.png');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('image/png');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect(previews).toEqual(['img_0a1f']);
    expect(electron.fetched).toEqual([]);
  });

  it('asks the engine only for well-formed ids; an unknown image is a 404', async () => {
    for (const path of ['/image/img_XYZ.png', '/image/photo.png', '/image/img_0a.png.png', '/image/img_0a.jpg']) {
      expect((await get(`latentshop://app${path}`)).status).toBe(404);
    }
    expect(previews).toEqual([]);
    const gone = await get('latentshop://app/image/img_dead.png');
    expect(gone.status).toBe(404);
    expect(gone.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('serves the renderer with the strict CSP on the response itself (webRequest skips custom schemes)', async () => {
    const response = await get('latentshop://app/index.html');
    expect(electron.fetched).toEqual(['file:///app/dist/renderer/index.html']);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<!doctype html>');
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(response.headers.get('X-From-File')).toBe('1');
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Frame-Options')).toBe('DENY');
  });

  it('never serves a file outside the renderer folder', async () => {
    const response = await get('latentshop://app/..%2F..%2F..%2Fetc%2Fpasswd');
    expect(response.status).toBe(404);
    expect(electron.fetched).toEqual([]);
    // Nor from a sibling folder whose name starts like it (dist/renderer-x).
    const sibling = await get('latentshop://app/..%2Frenderer-x%2Fa.js');
    expect(sibling.status).toBe(404);
    expect(electron.fetched).toEqual([]);
  });
});
