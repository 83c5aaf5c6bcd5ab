import { paintMaskPng } from './mask-raster';

/**
 * Rasterises the mask for the engine off the main thread: on a 24 MP photo the compositing
 * and PNG encoding took about a second of it when Fill was pressed, with nothing on screen.
 */
interface Request {
  bitmap: ImageBitmap;
  feather: number;
}

const scope = self as unknown as { onmessage: ((e: MessageEvent<Request>) => void) | null; postMessage(message: { blob: Blob } | { error: string }): void };

scope.onmessage = ({ data: { bitmap, feather } }) => {
  try {
    const out = paintMaskPng(bitmap, feather, (width, height) => new OffscreenCanvas(width, height)) as OffscreenCanvas;
    bitmap.close();
    out.convertToBlob({ type: 'image/png' }).then(
      (blob) => scope.postMessage({ blob }),
      (error: unknown) => scope.postMessage({ error: String(error) }),
    );
  } catch (error) {
    scope.postMessage({ error: String(error) });
  }
};
