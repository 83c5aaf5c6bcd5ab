import type { Canvas } from 'fabric';
import type { Stroke } from '../../../../preload/contract/latent';
import type { Point2 } from '../../latent/geometry';
import { DragPathTool, type DragPathOptions } from './DragPathTool';

export interface PaintBrushOptions extends DragPathOptions {
  kind: 'colour' | 'sketch';
  /** CSS hex colour (colour strokes). */
  colour: string;
  /** Brush diameter in photo pixels. */
  size: number;
  /** The stroke so far, while dragging (null at the end), for live drawing. */
  onLive(stroke: Stroke | null): void;
  /** A finished stroke, on mouse up. */
  onStroke(stroke: Stroke): void;
}

/** iGAN's colour brush and sketch pen: each drag becomes one Stroke in photo pixels. */
export class PaintBrushTool extends DragPathTool<PaintBrushOptions> {
  constructor(canvas: Canvas, options: PaintBrushOptions) {
    super(canvas, options);
    this.onDispose(() => options.onLive(null)); // A drag cut short by a tool switch leaves no ghost.
  }

  protected step(): number {
    // Quarter-size spacing keeps the path smooth without flooding the engine with points.
    return Math.max(1, this.options.size / 4);
  }

  protected onPath(points: Point2[], done: boolean): void {
    const { kind, colour, size } = this.options;
    const stroke: Stroke = kind === 'colour' ? { kind, colour, size, points } : { kind, size, points };
    if (!done) return this.options.onLive(stroke);
    this.options.onLive(null);
    this.options.onStroke(stroke);
  }
}
