import type { Canvas } from 'fabric';
import type { Point2 } from '../../latent/geometry';
import { DragPathTool, type DragPathOptions } from './DragPathTool';

export interface StrokeEraserOptions extends DragPathOptions {
  /** Eraser diameter in photo pixels. */
  size: number;
  /**
   * The eraser's path so far; the store removes what it touches (live, one undo step per drag).
   * `start` marks a drag's first call, so a drag cut short (tool switched mid-drag) never leaks into the next.
   */
  onErase(path: Point2[], done: boolean, start: boolean): void;
}

/** Erases painted constraints (not photo pixels): strokes under the drag are cut away. */
export class StrokeEraserTool extends DragPathTool<StrokeEraserOptions> {
  private dragging = false;

  constructor(canvas: Canvas, options: StrokeEraserOptions) {
    super(canvas, options);
  }

  protected step(): number {
    return Math.max(1, this.options.size / 4);
  }

  protected override cursor(): string {
    return 'cell';
  }

  protected onPath(points: Point2[], done: boolean): void {
    const start = !this.dragging;
    this.dragging = !done;
    this.options.onErase(points, done, start);
  }
}
