import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PREVIEW_ROUTE } from '../app/preview-route';
import type { Runtime } from '../app/runtime';
import { SECURITY_HEADERS } from '../server/security';
import { APP_PROTOCOL } from './trust';

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the renderer from disk and preview images from the engine; nothing remote. */
export function handleProtocols(rendererDir: string, runtime: Runtime): void {
  protocol.handle(APP_PROTOCOL, async (request) => {
    const pathname = new URL(request.url).pathname;
    const image = PREVIEW_ROUTE.exec(pathname);
    if (image?.[1]) return servePreview(runtime, image[1]);
    const path = normalize(join(rendererDir, decodeURIComponent(pathname)));
    if (!path.startsWith(rendererDir + sep)) return notFound(); // Not a sibling such as dist/renderer-x either.
    const file = await net.fetch(pathToFileURL(path).toString());
    // webRequest's header hooks see only http(s), so the CSP travels on the response itself.
    const headers = new Headers(file.headers);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers.set(name, value);
    return new Response(file.body, { status: file.status, statusText: file.statusText, headers });
  });
}

async function servePreview(runtime: Runtime, imageId: string): Promise<Response> {
  try {
    const png = await runtime.host.call('preview', { imageId });
    return new Response(Buffer.from(png), { headers: { 'Content-Type': 'image/png', ...SECURITY_HEADERS } });
  } catch {
    return notFound();
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
}
