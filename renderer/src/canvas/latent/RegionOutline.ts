import { Rect as FabricRect, type Canvas } from 'fabric';
import { markRaw } from 'vue';
import type { Rect } from '../../../../preload/contract/latent';
import { rectToViewport } from '../../latent/geometry';

export interface RegionOutlineOptions {
  /** Tint inside the outline; none by default (the photo under it stays as it is). */
  fill?: string;
}

/**
 * The latent region as a dashed outline over the photo: picked in the Edit panel, and fixed while
 * a session lives (the Paint panel shows where strokes count). Inert to the pointer; markRaw:
 * Fabric must never see Vue proxies.
 */
export class RegionOutline {
  private outline: FabricRect | null = null;
  private region: Rect | null = null;

  constructor(private readonly canvas: Canvas, private readonly options: RegionOutlineOptions = {}) {}

  /** Draws the outline at `region` (photo pixels); null removes it. Call again after a zoom: the dashes are sized for it. */
  show(region: Rect | null): void {
    if (this.outline) this.canvas.remove(this.outline);
    this.outline = null;
    this.region = region ? { ...region } : null;
    if (region) {
      // 1.5 screen pixels at the zoom it was drawn for.
      const zoom = this.canvas.getZoom() || 1;
      this.outline = markRaw(new FabricRect({
        left: region.x, top: region.y, width: region.width, height: region.height,
        originX: 'left', originY: 'top', fill: this.options.fill ?? '', stroke: '#4c8dff',
        strokeWidth: 1.5 / zoom, strokeDashArray: [6 / zoom, 4 / zoom], strokeUniform: true,
        selectable: false, evented: false, objectCaching: false,
      }));
      this.canvas.add(this.outline);
    }
    this.canvas.requestRenderAll();
  }

  /** Keeps the outline above an overlay added after it (the edit preview covers the region exactly). */
  raise(): void {
    if (!this.outline) return;
    this.canvas.bringObjectToFront(this.outline);
    this.canvas.requestRenderAll();
  }

  /** Where the outline is, in CSS pixels of the canvas element (for the debug hook); null when hidden. */
  viewportRect(): Rect | null {
    const r = this.region;
    if (!r) return null;
    return rectToViewport(r, this.canvas.viewportTransform);
  }

  dispose(): void {
    this.show(null);
  }
}
