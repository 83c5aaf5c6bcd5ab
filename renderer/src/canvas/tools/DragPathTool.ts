import type { Canvas, TPointerEvent, TPointerEventInfo } from 'fabric';
import { appendPoint, clampToImage, viewportToPhoto, type Point2, type Size2 } from '../../latent/geometry';
import { CanvasTool } from './CanvasTool';

export interface DragPathOptions {
  /** The photo's size: points are clamped to it. */
  imageSize: Size2;
}

/**
 * Base of tools that follow a left-button drag and collect its path in photo pixels. Points come
 * from the event's viewport point through the inverse viewport transform (not from Fabric's own
 * scene point) so the conversion is the unit-tested one. Pans (space or middle drag) never reach
 * here: PanZoomTool stops those presses first.
 */
export abstract class DragPathTool<O extends DragPathOptions> extends CanvasTool<O> {
  private points: Point2[] | null = null;
  private disposedFlag = false;

  constructor(canvas: Canvas, options: O) {
    super(canvas, options);
    this.bindDrag();
  }

  /** Whether another tool has replaced this one (CanvasView disposes the previous tool). */
  get isDisposed(): boolean {
    return this.disposedFlag;
  }

  override dispose(): void {
    this.disposedFlag = true;
    this.points = null;
    super.dispose();
  }

  /** Spacing of collected points in photo pixels. */
  protected abstract step(): number;
  protected abstract onPath(points: Point2[], done: boolean): void;
  protected cursor(): string {
    return 'crosshair';
  }

  private bindDrag(): void {
    this.canvas.defaultCursor = this.cursor();
    this.canvas.hoverCursor = this.cursor();
    this.onDispose(() => {
      this.canvas.defaultCursor = 'default';
      this.canvas.hoverCursor = 'default';
    });
    this.onCanvas('mouse:down', (info) => {
      if (!isLeft(info.e)) return;
      this.points = appendPoint([], this.toPhoto(info), this.step());
      this.onPath(this.points, false);
    });
    this.onCanvas('mouse:move', (info) => {
      if (!this.points) return;
      this.points = appendPoint(this.points, this.toPhoto(info), this.step());
      this.onPath(this.points, false);
    });
    this.onCanvas('mouse:up', () => {
      const points = this.points;
      this.points = null;
      if (points) this.onPath(points, true);
    });
  }

  private toPhoto(info: TPointerEventInfo<TPointerEvent>): Point2 {
    const p = viewportToPhoto(info.viewportPoint, this.canvas.viewportTransform);
    return clampToImage(p, this.options.imageSize);
  }
}

function isLeft(e: TPointerEvent): boolean {
  return !('button' in e) || e.button === 0;
}
