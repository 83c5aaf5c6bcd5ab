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
  /** How long a request waits for a connection before it fails, rather than hang silently. */
  sendTimeoutMs?: number;
}

/** The bridge, plus whether it is connected: browser mode's link to the app can drop, Electron's IPC cannot. */
export type ConnectedBridge = LatentshopBridge & {
  /** Calls `listener` with each change of connection (true: open); returns the unsubscribe. */
  onConnection(listener: (connected: boolean) => void): () => void;
  close(): void;
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: RpcError): void;
}

const OPEN = 1;

/** Worded by the UI from the key (error-messages.ts); the English here is for logs. */
const LOST = { code: 'ENGINE_CRASHED', key: 'connectionLost', params: {}, message: 'Lost the connection to Latentshop while this ran; reconnecting. Try again.' } as const;
const UNREACHABLE = { code: 'ENGINE_CRASHED', key: 'noConnection', params: {}, message: 'No connection to Latentshop. Check that it is still running, then try again.' } as const;

/** Browser-mode bridge: the same contract over one WebSocket, reconnecting with backoff. */
export function createWsBridge(options: WsBridgeOptions): ConnectedBridge {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoffMs ?? [250, 500, 1000, 2000, 5000];
  const sendTimeout = options.sendTimeoutMs ?? 10_000;
  const pending = new Map<number, Pending>();
  const unsent = new Map<number, { request: WireRequest; timer: ReturnType<typeof setTimeout> }>();
  const listeners = new Set<(event: WireEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let nextId = 1;
  let attempt = 0;
  let closed = false;
  let connected = false;
  let socket: SocketLike;

  function setConnected(value: boolean): void {
    if (value === connected) return;
    connected = value;
    for (const listener of connectionListeners) listener(value);
  }

  function connect(): void {
    socket = createSocket(options.url);
    socket.onopen = () => {
      attempt = 0;
      setConnected(true);
      for (const [id, { request, timer }] of unsent) {
        clearTimeout(timer);
        unsent.delete(id);
        socket.send(JSON.stringify(request));
      }
    };
    socket.onmessage = (ev) => handleMessage(String(ev.data));
    socket.onclose = () => {
      setConnected(false);
      // Requests in flight died with the socket; the engine may or may not have run them.
      for (const [id, entry] of pending) if (!unsent.has(id)) {
        pending.delete(id);
        entry.reject(new RpcError(LOST));
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
        if (socket.readyState === OPEN) {
          socket.send(JSON.stringify(wire));
          return;
        }
        // Sent when the (re)connection opens; if none comes in time, it fails and says why.
        const timer = setTimeout(() => {
          unsent.delete(wire.id);
          pending.delete(wire.id);
          reject(new RpcError(UNREACHABLE));
        }, sendTimeout);
        unsent.set(wire.id, { request: wire, timer });
      });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
    close() {
      closed = true;
      socket.close();
    },
  };
}
