import { maskPng } from './mask-raster';

/** Set once a worker could not run here (a file:// page, no OffscreenCanvas): later masks go straight to the fallback. */
let workerBroken = typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined';

/**
 * The mask's feathered PNG, made in a worker (mask-png-worker.ts) so the UI stays live; on this
 * thread, as before, wherever the worker cannot start or fails.
 */
export async function maskPngOffThread(mask: HTMLCanvasElement, feather: number): Promise<Blob> {
  if (workerBroken) return maskPng(mask, feather);
  try {
    const bitmap = await createImageBitmap(mask);
    return await new Promise<Blob>((resolve, reject) => {
      const worker = new Worker(new URL('./mask-png-worker.ts', import.meta.url), { type: 'module' });
      const done = (): void => worker.terminate();
      worker.onmessage = ({ data }: MessageEvent<{ blob: Blob } | { error: string }>) => {
        done();
        if ('blob' in data) resolve(data.blob);
        else reject(new Error(data.error));
      };
      worker.onerror = (event) => {
        done();
        reject(new Error(event.message || 'The mask worker failed to start.'));
      };
      worker.postMessage({ bitmap, feather }, [bitmap]);
    });
  } catch {
    workerBroken = true;
    return maskPng(mask, feather);
  }
}
