/**
 * MaskModel's pixel rules, apart from its drawing: how a loaded image becomes a mask, how the
 * model's red pixels map to and from bare alpha (the history's currency), and the feathered
 * white-on-black PNG the engine gets. All but `maskPng` are pure, over RGBA bytes.
 */

import type { PixelRect } from './alpha-delta';

/** The overlay colour: masked pixels are opaque red in the model, shown at half opacity. */
export const PAINT = 'rgb(255 0 0)';

/**
 * Rewrites RGBA pixels (`width` a row) in place as mask pixels, read as the engine reads masks:
 * varying alpha, else luminance > 50 %. Returns the holes' bounds (null: none), so the model
 * sends only that part of an imported mask to the engine.
 */
export function thresholdMask(px: Uint8ClampedArray, width: number): PixelRect | null {
  let alphaVaries = false;
  for (let i = 7; i < px.length && !alphaVaries; i += 4) alphaVaries = px[i] !== px[3];
  let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
  for (let i = 0; i < px.length; i += 4) {
    const luma = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
    const hole = alphaVaries ? px[i + 3]! > 127 : luma > 127;
    px.set(hole ? [255, 0, 0, 255] : [0, 0, 0, 0], i);
    if (!hole) continue;
    const x = (i / 4) % width;
    const y = Math.floor(i / 4 / width);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  }
  return x1 < 0 ? null : { x: x0, y: y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** The alpha bytes of RGBA pixels. */
export function alphaOf(px: Uint8ClampedArray): Uint8Array {
  const alpha = new Uint8Array(px.length / 4);
  for (let i = 0; i < alpha.length; i += 1) alpha[i] = px[i * 4 + 3]!;
  return alpha;
}

/** Writes alpha into blank (all-zero) RGBA pixels as the model's own pixels, red at that alpha. */
export function redFromAlpha(alpha: Uint8Array, px: Uint8ClampedArray): void {
  for (let i = 0; i < alpha.length; i += 1) {
    if (alpha[i] === 0) continue;
    px[i * 4] = 255;
    px[i * 4 + 3] = alpha[i]!;
  }
}

/** A 2D canvas of either kind: the worker paints on an OffscreenCanvas, the fallback on an element. */
type AnyCanvas = HTMLCanvasElement | OffscreenCanvas;

/**
 * White where `mask` has alpha, on black, blurred by `feather` pixels, painted on `out` (which
 * `makeCanvas` sized like the mask): the feathered white-on-black image the engine reads.
 */
export function paintMaskPng(mask: CanvasImageSource & { width: number; height: number }, feather: number, makeCanvas: (width: number, height: number) => AnyCanvas): AnyCanvas {
  const { width, height } = mask;
  const out = makeCanvas(width, height);
  const ctx = out.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  const white = makeCanvas(width, height);
  const w = white.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx || !w) throw new Error('No 2D canvas context for the mask.');
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, width, height);
  w.drawImage(mask, 0, 0);
  w.globalCompositeOperation = 'source-in';
  w.fillStyle = '#fff';
  w.fillRect(0, 0, width, height);
  if (feather > 0) ctx.filter = `blur(${feather}px)`;
  ctx.drawImage(white, 0, 0);
  return out;
}

/** MaskModel.toPng's rasteriser on this thread: what the worker does (mask-png-worker.ts) where workers fail. */
export function maskPng(mask: HTMLCanvasElement, feather: number): Promise<Blob> {
  try {
    const out = paintMaskPng(mask, feather, (width, height) => Object.assign(document.createElement('canvas'), { width, height })) as HTMLCanvasElement;
    return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('Could not encode the mask.'))), 'image/png'));
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
