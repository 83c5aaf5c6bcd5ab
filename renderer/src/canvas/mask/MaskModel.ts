import type { UploadFrame } from '../../../../preload/contract/types';
import { type PixelPoint, type PixelRect, growRect, grownWithin, unionRect } from './alpha-delta';
import type { AlphaSurface } from './MaskHistory';
import { maskPngOffThread } from './mask-png-off-thread';
import { PAINT, alphaOf, redFromAlpha, thresholdMask } from './mask-raster';

export type { PixelPoint };

/**
 * The inpainting mask at the image's own resolution (not the screen's), kept apart from
 * Fabric objects: an offscreen canvas whose alpha is the mask. Tools draw into it in image
 * pixels; the overlay shows it; `toPng` rasterises it (feathered) for the engine.
 */
export class MaskModel implements AlphaSurface {
  readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D;
  /** What edits touched since the last `takeDirty`: all the history has to compare. */
  private dirty: PixelRect | null = null;
  /** Where paint may be since the last clear (erasing does not shrink it): the mask is clear outside. */
  private painted: PixelRect | null = null;

  constructor(readonly width: number, readonly height: number) {
    this.canvas = document.createElement('canvas');
    this.canvas.width = width;
    this.canvas.height = height;
    const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('No 2D canvas context for the mask.');
    this.ctx = ctx;
  }

  /** A round-capped stroke from a to b (a dab when they coincide); `erase` clears instead. */
  segment(a: PixelPoint, b: PixelPoint, radius: number, erase: boolean): void {
    this.touch([a, b], Math.max(1, radius));
    this.draw(erase, (ctx) => {
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.lineWidth = Math.max(1, radius * 2);
      ctx.beginPath();
      ctx.moveTo(a.x, a.y);
      ctx.lineTo(b.x + (a.x === b.x && a.y === b.y ? 0.01 : 0), b.y);
      ctx.stroke();
    });
  }

  fillRect(a: PixelPoint, b: PixelPoint, erase = false): void {
    this.touch([a, b], 0);
    this.draw(erase, (ctx) => ctx.fillRect(Math.min(a.x, b.x), Math.min(a.y, b.y), Math.abs(b.x - a.x), Math.abs(b.y - a.y)));
  }

  fillPolygon(points: readonly PixelPoint[], erase = false): void {
    if (points.length < 3) return;
    this.touch(points, 0);
    this.draw(erase, (ctx) => {
      ctx.beginPath();
      points.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
      ctx.closePath();
      ctx.fill();
    });
  }

  invert(): void {
    this.touch(null, 0);
    const ctx = this.ctx;
    ctx.save();
    ctx.globalCompositeOperation = 'xor';
    ctx.fillStyle = PAINT;
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.restore();
  }

  clear(): void {
    this.touch(null, 0);
    this.ctx.clearRect(0, 0, this.width, this.height);
    this.painted = null;
  }

  /** Loads a mask image, read as the engine reads masks: varying alpha, else luminance > 50 %. */
  load(source: CanvasImageSource): void {
    const ctx = this.ctx;
    this.clear();
    ctx.drawImage(source, 0, 0, this.width, this.height);
    const image = ctx.getImageData(0, 0, this.width, this.height);
    this.painted = thresholdMask(image.data, this.width);
    ctx.putImageData(image, 0, 0);
  }

  /**
   * The mask as a white-on-black PNG, blurred by `feather` pixels: the format every tool (and
   * the engine's luminance rule) reads, with soft edges when asked. Only the part around the
   * paint is encoded, `frame` saying where it sits in the image (black elsewhere): a whole
   * 24 MP mask took a second to encode and almost as long to send. The margin holds the blur.
   */
  async toPng(feather: number): Promise<{ blob: Blob; frame: UploadFrame }> {
    const crop = grownWithin(this.painted ?? this.whole(), Math.ceil(4 * feather) + 2, this.width, this.height);
    const blob = await maskPngOffThread(this.canvas, feather, crop);
    return { blob, frame: { width: this.width, height: this.height, left: crop.x, top: crop.y } };
  }

  /** The region edited since the last call (image pixels, maybe past the edges), and starts a new one. */
  takeDirty(): PixelRect | null {
    const dirty = this.dirty;
    this.dirty = null;
    return dirty;
  }

  readAlpha(r: PixelRect): Uint8Array {
    return alphaOf(this.ctx.getImageData(r.x, r.y, r.w, r.h).data);
  }

  /** Puts alpha back as the model's own pixels (opaque-red hues), replacing what is there. */
  writeAlpha(r: PixelRect, alpha: Uint8Array): void {
    const image = this.ctx.createImageData(r.w, r.h);
    redFromAlpha(alpha, image.data);
    this.ctx.putImageData(image, r.x, r.y);
    this.painted = unionRect(this.painted, r);
  }

  /** Grows the dirty region by the points' bounds plus `pad` and a pixel of antialiasing; null points: everything. */
  private touch(points: readonly PixelPoint[] | null, pad: number): void {
    const rect = points ? growRect(null, points, pad + 1) : this.whole();
    this.dirty = unionRect(this.dirty, rect);
    this.painted = unionRect(this.painted, rect);
  }

  private whole(): PixelRect {
    return { x: 0, y: 0, w: this.width, h: this.height };
  }

  private draw(erase: boolean, paint: (ctx: CanvasRenderingContext2D) => void): void {
    const ctx = this.ctx;
    ctx.save();
    ctx.globalCompositeOperation = erase ? 'destination-out' : 'source-over';
    ctx.fillStyle = PAINT;
    ctx.strokeStyle = PAINT;
    paint(ctx);
    ctx.restore();
  }
}
