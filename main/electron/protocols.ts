import { net, protocol } from 'electron';
import { join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Runtime } from '../app/runtime';
import { SECURITY_HEADERS } from '../server/security';
import { APP_PROTOCOL, IMAGE_PROTOCOL } from './trust';

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
    { scheme: IMAGE_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the renderer from disk and preview images from the engine; nothing remote. */
export function handleProtocols(rendererDir: string, runtime: Runtime): void {
  protocol.handle(APP_PROTOCOL, (request) => {
    const path = normalize(join(rendererDir, decodeURIComponent(new URL(request.url).pathname)));
    if (!path.startsWith(rendererDir)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(path).toString());
  });
  protocol.handle(IMAGE_PROTOCOL, async (request) => {
    const imageId = new URL(request.url).hostname;
    try {
      const png = await runtime.host.call('preview', { imageId });
      return new Response(Buffer.from(png), { headers: { 'Content-Type': 'image/png', ...SECURITY_HEADERS } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
