import { FabricImage, Line, Rect as FabricRect, type Canvas } from 'fabric';
import { markRaw } from 'vue';
import type { EditPreview, Rect } from '../../../../preload/contract/latent';
import { rectToViewport } from '../../latent/geometry';

/**
 * The edited region drawn over the photo at its place, on top of everything. The before/after
 * split is a clip of this image: left of the divider the photo below shows through (before),
 * right of it the edit (after). Objects are markRaw: Fabric must never see Vue proxies.
 */
export class EditOverlay {
  private image: FabricImage | null = null;
  private divider: Line | null = null;
  private region: Rect | null = null;
  private split = 0;
  private seq = 0;

  constructor(private readonly canvas: Canvas) {}

  /** Shows a preview; resolves true once it is on the canvas (false if a newer call or clear() won). */
  async show(preview: EditPreview): Promise<boolean> {
    const seq = ++this.seq;
    const img = markRaw(await FabricImage.fromURL(preview.dataUrl));
    if (seq !== this.seq) return false;
    const r = preview.region;
    img.set({
      left: r.x, top: r.y, originX: 'left', originY: 'top',
      scaleX: r.width / (img.width || 1), scaleY: r.height / (img.height || 1),
      selectable: false, evented: false, objectCaching: false,
    });
    this.removeObjects();
    this.image = img;
    this.region = { ...r };
    this.canvas.add(img);
    this.applySplit();
    return true;
  }

  /** 0 = all edited; 0.5 = left half original. */
  setSplit(fraction: number): void {
    this.split = Math.min(1, Math.max(0, fraction));
    this.applySplit();
  }

  get shown(): boolean {
    return this.image !== null;
  }

  /** Where the overlay is, in CSS pixels of the canvas element (for the debug hook). */
  viewportRect(): Rect | null {
    const r = this.region;
    if (!r) return null;
    return rectToViewport(r, this.canvas.viewportTransform);
  }

  clear(): void {
    this.seq += 1; // Any load still in flight is now stale.
    this.removeObjects();
    this.canvas.requestRenderAll();
  }

  private removeObjects(): void {
    if (this.image) this.canvas.remove(this.image);
    if (this.divider) this.canvas.remove(this.divider);
    this.image = null;
    this.divider = null;
    this.region = null;
  }

  private applySplit(): void {
    const img = this.image;
    const r = this.region;
    if (!img || !r) return;
    const x = r.x + this.split * r.width;
    img.clipPath = markRaw(new FabricRect({
      left: x, top: r.y, width: r.x + r.width - x, height: r.height,
      originX: 'left', originY: 'top', absolutePositioned: true,
    }));
    img.dirty = true;
    if (this.divider) this.canvas.remove(this.divider);
    this.divider = null;
    if (this.split > 0 && this.split < 1) {
      // Two screen pixels wide at any zoom.
      const width = 2 / (this.canvas.getZoom() || 1);
      this.divider = markRaw(new Line([x, r.y, x, r.y + r.height], {
        stroke: '#ffffff', strokeWidth: width, selectable: false, evented: false, opacity: 0.9,
      }));
      this.canvas.add(this.divider);
    }
    this.canvas.requestRenderAll();
  }
}
