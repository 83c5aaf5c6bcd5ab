import type { EngineToHost, HostToEngine } from '../protocol';

/** The engine's link to its host: Electron's parentPort under utilityProcess, IPC under fork. */
export interface ParentChannel {
  send(message: EngineToHost): void;
  onMessage(listener: (message: HostToEngine) => void): void;
}

interface ParentPortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return {
      send: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data as HostToEngine)),
    };
  }
  if (!process.send) throw new Error('The engine must be started by Latentshop (no parent channel).');
  const send = process.send.bind(process);
  return {
    send: (message) => void send(message),
    onMessage: (listener) => process.on('message', (message) => listener(message as HostToEngine)),
  };
}
