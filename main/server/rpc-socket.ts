import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LatentshopEvents, WireEvent } from '../../preload/contract/service';
import type { Runtime } from '../app/runtime';
import { hostAllowed, originAllowed, tokenFrom, tokenMatches } from './security';

const EVENTS: (keyof LatentshopEvents)[] = ['jobQueued', 'jobProgress', 'jobDone', 'jobError', 'engineRestarted', 'batchProgress'];
/** Uploads are base64 images: allow big frames, but not unbounded ones. */
const MAX_FRAME_BYTES = 720 * 1024 * 1024;

/** The contract over a WebSocket at /rpc: same router, same validation as Electron IPC. */
export function attachRpcSocket(server: Server, runtime: Runtime, token: string): void {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const port = (server.address() as AddressInfo).port;
    const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`);
    const allowed =
      url.pathname === '/rpc' &&
      hostAllowed(request.headers.host, port) &&
      originAllowed(request.headers.origin, port) &&
      tokenMatches(token, tokenFrom(url, request.headers.cookie));
    if (!allowed) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serve(ws, runtime));
  });
}

function serve(ws: WebSocket, runtime: Runtime): void {
  const unsubscribe = EVENTS.map((event) => {
    const forward = (payload: unknown) => {
      const message: WireEvent = { event, payload };
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    runtime.service.on(event, forward);
    return () => runtime.service.off(event, forward);
  });
  ws.on('message', async (data) => {
    let request: unknown;
    try {
      request = JSON.parse(data.toString());
    } catch {
      request = null;
    }
    const reply = await runtime.dispatch(request);
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
  });
  // Subscriptions die with the window, as electron-trpc does.
  ws.on('close', () => unsubscribe.forEach((off) => off()));
}
