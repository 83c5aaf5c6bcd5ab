/// <reference types="vite/client" />
import type { ImageInfo, LatentshopBridge, LatentshopFiles } from '../../preload/contract';

/** Read-only hook for E2E tests; kept in production because it exposes nothing private. */
export interface LatentshopDebugHook {
  currentImage(): ImageInfo | null;
  zoom(): number;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    latentshop?: LatentshopBridge;
    /** Electron preload helper that records dropped files' paths with main (files carry no path under contextIsolation). */
    latentshopFiles?: LatentshopFiles;
    __latentshop?: LatentshopDebugHook;
  }
}
