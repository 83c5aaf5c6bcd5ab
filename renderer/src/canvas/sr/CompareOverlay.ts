import { FabricImage, Line, Rect as FabricRect, type Canvas } from 'fabric';
import { markRaw } from 'vue';
import type { SrRegion } from '../../../../preload/contract';

/**
 * Before/after compare on the canvas: the upscaled result is drawn over the part of the
 * photo it came from (scaled down into image pixels), clipped to the left `split` share,
 * with a line at the split. Left of the line: after; right: before.
 */
export class CompareOverlay {
  private image: FabricImage | null = null;
  private readonly clip: FabricRect;
  private readonly line: Line;
  private split = 0.5;
  private disposed = false;

  constructor(private readonly canvas: Canvas, private readonly at: SrRegion) {
    this.clip = markRaw(new FabricRect({ left: at.x, top: at.y, width: at.width, height: at.height, originX: 'left', originY: 'top', absolutePositioned: true }));
    const zoom = canvas.getZoom() || 1;
    this.line = markRaw(new Line([0, at.y, 0, at.y + at.height], { stroke: '#ffffff', strokeWidth: 2 / zoom, strokeUniform: true, selectable: false, evented: false }));
  }

  /** Loads the result's preview and shows it; resolves once drawn. */
  async show(url: string): Promise<void> {
    const img = markRaw(await FabricImage.fromURL(url));
    if (this.disposed) return;
    img.set({
      left: this.at.x, top: this.at.y, originX: 'left', originY: 'top',
      scaleX: this.at.width / (img.width || 1), scaleY: this.at.height / (img.height || 1),
      selectable: false, evented: false, objectCaching: false, clipPath: this.clip,
    });
    this.image = img;
    this.canvas.add(img, this.line);
    this.setSplit(this.split);
  }

  /** 0: all before, 1: all after. */
  setSplit(fraction: number): void {
    this.split = Math.min(1, Math.max(0, fraction));
    const x = this.at.x + this.at.width * this.split;
    this.clip.set({ width: Math.max(0.001, this.at.width * this.split) });
    this.line.set({ x1: x, x2: x, visible: this.split > 0 && this.split < 1 });
    this.image?.set({ dirty: true });
    this.canvas.requestRenderAll();
  }

  dispose(): void {
    this.disposed = true;
    if (this.image) this.canvas.remove(this.image);
    this.canvas.remove(this.line);
    this.canvas.requestRenderAll();
  }
}
