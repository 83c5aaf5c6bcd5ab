import type { Canvas } from 'fabric';
import type { Rect } from '../../../../preload/contract/latent';
import { RegionOutline } from '../latent/RegionOutline';
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
  // Tinted while picking, so the choice reads as a selection.
  private readonly outline: RegionOutline;

  constructor(canvas: Canvas, options: RegionSelectOptions) {
    super(canvas, options);
    this.outline = new RegionOutline(canvas, { fill: 'rgba(76,141,255,0.08)' });
    this.outline.show(options.initial);
    this.onDispose(() => this.outline.dispose());
  }

  protected step(): number {
    return 1;
  }

  protected onPath(points: Point2[], done: boolean): void {
    const first = points[0];
    const last = points[points.length - 1];
    if (!first || !last) return;
    const region = rectFromDrag(first, last, this.options.imageSize);
    this.outline.show(region);
    if (done) this.options.onRegion(region);
  }
}
