import type { LatentshopApi } from '../../../preload/contract';
import { pickBridge } from './bridge';
import { createApi } from './client';

let instance: LatentshopApi | null = null;

/** The app-wide API, created on first use so tests can install a fake first. */
export function getApi(): LatentshopApi {
  instance ??= createApi(pickBridge());
  return instance;
}

/** Replaces the API (unit tests, or a future multi-window setup). */
export function setApi(api: LatentshopApi | null): void {
  instance = api;
}
