import { Rect as FabricRect, type Canvas } from 'fabric';
import { markRaw } from 'vue';
import type { Rect } from '../../../../preload/contract/latent';
import { rectFromDrag, type Point2 } from '../../latent/geometry';
import { DragPathTool, type DragPathOptions } from './DragPathTool';

export interface RegionSelectOptions extends DragPathOptions {
  /** The region to show at start; null = the whole image. */
  initial: Rect | null;
  /** A new region after a drag; null after a click (back to the whole image). */
  onRegion(region: Rect | null): void;
}

/** Drag a rectangle to choose the region the latent tools map into the generator's domain. */
export class RegionSelectTool extends DragPathTool<RegionSelectOptions> {
  private outline: FabricRect | null = null;

  constructor(canvas: Canvas, options: RegionSelectOptions) {
    super(canvas, options);
    this.draw(options.initial);
    this.onDispose(() => this.draw(null));
  }

  protected step(): number {
    return 1;
  }

  protected onPath(points: Point2[], done: boolean): void {
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last) return;
    const region = rectFromDrag(first, last, this.options.imageSize);
    this.draw(region);
    if (done) this.options.onRegion(region);
  }

  private draw(region: Rect | null): void {
    if (this.outline) this.canvas.remove(this.outline);
    this.outline = null;
    if (region) {
      const zoom = this.canvas.getZoom() || 1;
      this.outline = markRaw(new FabricRect({
        left: region.x, top: region.y, width: region.width, height: region.height,
        originX: 'left', originY: 'top', fill: 'rgba(76,141,255,0.08)', stroke: '#4c8dff',
        strokeWidth: 1.5 / zoom, strokeDashArray: [6 / zoom, 4 / zoom], strokeUniform: true,
        selectable: false, evented: false, objectCaching: false,
      }));
      this.canvas.add(this.outline);
    }
    this.canvas.requestRenderAll();
  }
}
