import type { Canvas } from 'fabric';
import { photoToViewport, type Point2 } from '../../latent/geometry';
import { DragPathTool, type DragPathOptions } from './DragPathTool';

export interface EyedropperOptions extends DragPathOptions {
  /** The colour under the cursor as "#rrggbb", on release. */
  onPick(colour: string): void;
}

const hex = (v: number): string => v.toString(16).padStart(2, '0');

/** Picks the colour shown on the canvas (photo, edit preview and all) under the cursor. */
export class EyedropperTool extends DragPathTool<EyedropperOptions> {
  constructor(canvas: Canvas, options: EyedropperOptions) {
    super(canvas, options);
  }

  protected step(): number {
    return 1;
  }

  protected override cursor(): string {
    return 'copy';
  }

  protected onPath(points: Point2[], done: boolean): void {
    const last = points[points.length - 1];
    if (!done || !last) return;
    // Read the rendered pixel: photo point → viewport → device pixels of the lower canvas.
    const v = photoToViewport(last, this.canvas.viewportTransform);
    const r = this.canvas.getRetinaScaling();
    const px = this.canvas.getContext().getImageData(Math.floor(v.x * r), Math.floor(v.y * r), 1, 1).data;
    this.options.onPick(`#${hex(px[0] ?? 0)}${hex(px[1] ?? 0)}${hex(px[2] ?? 0)}`);
  }
}
