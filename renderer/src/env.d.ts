/// <reference types="vite/client" />
import type { ImageInfo, LatentshopBridge } from '../../preload/contract';

/** Read-only hook for E2E tests; kept in production because it exposes nothing private. */
export interface LatentshopDebugHook {
  currentImage(): ImageInfo | null;
  zoom(): number;
}

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode. */
    latentshop?: LatentshopBridge;
    /** Electron preload helper around webUtils.getPathForFile (files carry no path under contextIsolation). */
    latentshopFiles?: { pathForFile(file: File): string };
    __latentshop?: LatentshopDebugHook;
  }
}
