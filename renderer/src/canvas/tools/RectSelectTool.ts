import { Rect as FabricRect, type Canvas, type TPointerEvent, type TPointerEventInfo } from 'fabric';
import { markRaw } from 'vue';
import type { SrRegion } from '../../../../preload/contract';
import { rectFromPoints, type Point } from '../sr/rect-math';
import { CanvasTool } from './CanvasTool';

export interface RectSelectOptions {
  imageSize: { width: number; height: number };
  /** The rectangle to show at start (null: none). */
  initial: SrRegion | null;
  /** After each drag: the new rectangle, or null after a click (no selection). */
  onRect(rect: SrRegion | null): void;
}

/**
 * Drag a rectangle in image pixels (1 canvas unit = 1 image pixel). Draws a dashed
 * outline while dragging and keeps it until the next drag or dispose. Space/middle-drag
 * pans never reach it: PanZoomTool stops those presses first.
 */
export class RectSelectTool extends CanvasTool<RectSelectOptions> {
  private outline: FabricRect | null = null;
  private start: Point | null = null;

  constructor(canvas: Canvas, options: RectSelectOptions) {
    super(canvas, options);
    this.register();
    this.draw(options.initial);
  }

  private register(): void {
    this.canvas.defaultCursor = 'crosshair';
    this.onDispose(() => {
      this.canvas.defaultCursor = 'default';
      this.draw(null);
    });
    this.onCanvas('mouse:down', (info) => {
      if ('button' in info.e && info.e.button !== 0) return;
      this.start = this.point(info);
    });
    this.onCanvas('mouse:move', (info) => {
      if (this.start) this.draw(rectFromPoints(this.start, this.point(info), this.options.imageSize));
    });
    this.onCanvas('mouse:up', (info) => {
      if (!this.start) return;
      const rect = rectFromPoints(this.start, this.point(info), this.options.imageSize);
      this.start = null;
      this.draw(rect);
      this.options.onRect(rect);
    });
  }

  private point(info: TPointerEventInfo<TPointerEvent>): Point {
    const p = this.canvas.getScenePoint(info.e);
    return { x: p.x, y: p.y };
  }

  private draw(rect: SrRegion | null): void {
    if (this.outline) this.canvas.remove(this.outline);
    this.outline = null;
    if (rect) {
      const zoom = this.canvas.getZoom() || 1;
      this.outline = markRaw(new FabricRect({
        left: rect.x, top: rect.y, width: rect.width, height: rect.height, originX: 'left', originY: 'top',
        fill: 'rgba(76,141,255,0.06)', stroke: '#4c8dff', strokeWidth: 1.5 / zoom, strokeDashArray: [6 / zoom, 4 / zoom],
        strokeUniform: true, selectable: false, evented: false, objectCaching: false,
      }));
      this.canvas.add(this.outline);
    }
    this.canvas.requestRenderAll();
  }
}
