import type { LatentshopApi } from '../../../preload/contract';
import { pickBridge } from './bridge';
import { createApi } from './client';

let instance: LatentshopApi | null = null;
type ConnectionSource = (listener: (connected: boolean) => void) => () => void;
let connection: ConnectionSource | undefined;

/** The app-wide API, created on first use so tests can install a fake first. */
export function getApi(): LatentshopApi {
  if (!instance) {
    const bridge = pickBridge();
    connection = bridge.onConnection?.bind(bridge);
    instance = createApi(bridge);
  }
  return instance;
}

/** Follows the link to the app (browser mode's WebSocket); Electron's IPC never drops, so never calls back. */
export function onConnectionChange(listener: (connected: boolean) => void): () => void {
  getApi();
  return connection?.(listener) ?? (() => undefined);
}

/** Replaces the API (unit tests, or a future multi-window setup). */
export function setApi(api: LatentshopApi | null): void {
  instance = api;
}
