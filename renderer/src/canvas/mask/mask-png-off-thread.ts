import type { PixelRect } from './alpha-delta';
import { maskPng } from './mask-raster';

/** Set once a worker could not run here (a file:// page, no OffscreenCanvas): later masks go straight to the fallback. */
let workerBroken = typeof Worker === 'undefined' || typeof OffscreenCanvas === 'undefined';

/**
 * The feathered PNG of the mask's `crop`, made in a worker (mask-png-worker.ts) so the UI stays
 * live; on this thread, as before, wherever the worker cannot start or fails.
 */
export async function maskPngOffThread(mask: HTMLCanvasElement, feather: number, crop: PixelRect): Promise<Blob> {
  if (workerBroken) return maskPng(cropped(mask, crop), feather);
  try {
    const bitmap = await createImageBitmap(mask, crop.x, crop.y, crop.w, crop.h);
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
    return maskPng(cropped(mask, crop), feather);
  }
}

function cropped(mask: HTMLCanvasElement, crop: PixelRect): HTMLCanvasElement {
  if (crop.x === 0 && crop.y === 0 && crop.w === mask.width && crop.h === mask.height) return mask;
  const out = Object.assign(document.createElement('canvas'), { width: crop.w, height: crop.h });
  out.getContext('2d')?.drawImage(mask, crop.x, crop.y, crop.w, crop.h, 0, 0, crop.w, crop.h);
  return out;
}
