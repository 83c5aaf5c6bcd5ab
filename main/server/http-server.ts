import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { PREVIEW_ROUTE } from '../app/preview-route';
import type { Runtime } from '../app/runtime';
import { attachRpcSocket } from './rpc-socket';
import { hostAllowed, SECURITY_HEADERS, TOKEN_COOKIE, tokenFrom, tokenMatches } from './security';

export interface BrowserServer {
  url: string;
  port: number;
  close(): Promise<void>;
}


/**
 * Browser mode: the built renderer, preview images and the RPC socket on 127.0.0.1 only.
 * Every request needs the per-launch token (query on first load, then a strict cookie).
 */
export async function startBrowserServer(runtime: Runtime, staticDir: string, token: string, port = 0): Promise<BrowserServer> {
  const serveStatic = sirv(staticDir, { dev: false, etag: true, setHeaders: setSecurityHeaders });
  const server: Server = createServer((request, response) => {
    const boundPort = (server.address() as AddressInfo).port;
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${boundPort}`);
    if (!hostAllowed(request.headers.host, boundPort)) return refuse(response, 421, 'Wrong host');
    if (!tokenMatches(token, tokenFrom(url, request.headers.cookie))) return refuse(response, 401, 'Missing or wrong token');
    response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    const image = PREVIEW_ROUTE.exec(url.pathname);
    if (image?.[1]) return void servePreview(runtime, image[1], response);
    serveStatic(request, response, () => refuse(response, 404, 'Not found'));
  });
  attachRpcSocket(server, runtime, token);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const boundPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${boundPort}/?token=${token}`,
    port: boundPort,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function servePreview(runtime: Runtime, imageId: string, response: ServerResponse): Promise<void> {
  try {
    const png = await runtime.host.call('preview', { imageId });
    setSecurityHeaders(response);
    response.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.byteLength });
    response.end(Buffer.from(png.buffer, png.byteOffset, png.byteLength));
  } catch {
    refuse(response, 404, 'No such image');
  }
}

function setSecurityHeaders(response: ServerResponse): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
}

function refuse(response: ServerResponse, status: number, message: string): void {
  setSecurityHeaders(response);
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(message);
}

export type { IncomingMessage };
