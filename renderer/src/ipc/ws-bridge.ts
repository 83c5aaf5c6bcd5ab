import type { LatentshopBridge, WireEvent, WireReply, WireRequest } from '../../../preload/contract';
import { RpcError } from './errors';

/** The subset of WebSocket we use, so tests can pass a fake. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}

export interface WsBridgeOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Backoff delays in ms; the last one repeats. */
  backoffMs?: number[];
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: RpcError): void;
}

const OPEN = 1;

/** Browser-mode bridge: the same contract over one WebSocket, reconnecting with backoff. */
export function createWsBridge(options: WsBridgeOptions): LatentshopBridge & { close(): void } {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoffMs ?? [250, 500, 1000, 2000, 5000];
  const pending = new Map<number, Pending>();
  const unsent: WireRequest[] = [];
  const listeners = new Set<(event: WireEvent) => void>();
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let socket: SocketLike;

  function connect(): void {
    socket = createSocket(options.url);
    socket.onopen = () => {
      attempt = 0;
      for (const request of unsent.splice(0)) socket.send(JSON.stringify(request));
    };
    socket.onmessage = (ev) => handleMessage(String(ev.data));
    socket.onclose = () => {
      // Requests in flight died with the socket; the engine may or may not have run them.
      const lost = new RpcError({ code: 'ENGINE_CRASHED', message: 'Lost the connection to the engine. Reconnecting…' });
      for (const [id, entry] of pending) if (!unsent.some((r) => r.id === id)) {
        pending.delete(id);
        entry.reject(lost);
      }
      if (closed) return;
      const delay = backoff[Math.min(attempt, backoff.length - 1)] ?? 1000;
      attempt += 1;
      setTimeout(connect, delay);
    };
  }

  function handleMessage(text: string): void {
    let message: WireReply | WireEvent;
    try {
      message = JSON.parse(text) as WireReply | WireEvent;
    } catch {
      return; // A malformed frame is a server bug; dropping it keeps the UI alive.
    }
    if ('event' in message) {
      for (const listener of listeners) listener(message);
      return;
    }
    const entry = pending.get(message.id);
    if (!entry) return;
    pending.delete(message.id);
    if (message.ok) entry.resolve(message.value);
    else entry.reject(new RpcError(message.error));
  }

  connect();

  return {
    request(request) {
      const wire: WireRequest = { id: nextId++, method: request.method, args: request.args };
      return new Promise((resolve, reject) => {
        pending.set(wire.id, { resolve, reject });
        if (socket.readyState === OPEN) socket.send(JSON.stringify(wire));
        else unsent.push(wire); // Sent when the (re)connection opens.
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
