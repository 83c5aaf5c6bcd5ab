import { Point, type Canvas } from 'fabric';
import { isModalOpen } from '../../components/modal-stack';
import { wheelZoom } from '../viewport';
import { CanvasTool } from './CanvasTool';

export interface PanZoomOptions {
  /** Called after every user pan or zoom, so the view can leave "fit" mode and report zoom. */
  onUserViewportChange?: () => void;
}

const MIDDLE_BUTTON = 1;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON)$/.test(target.tagName));
}

/** Wheel zooms around the cursor; space + drag or middle-drag pans. Always active underneath other tools. */
export class PanZoomTool extends CanvasTool<PanZoomOptions> {
  private spaceDown = false;
  private drag: { pointerId: number; x: number; y: number } | null = null;

  constructor(canvas: Canvas, options: PanZoomOptions = {}) {
    super(canvas, options);
    this.bind();
  }

  private bind(): void {
    // The wrapper is the upper canvas's parent: capturing there keeps pan presses from Fabric.
    const el = this.canvas.wrapperEl;
    this.onCanvas('mouse:wheel', ({ e, viewportPoint }) => {
      e.preventDefault();
      this.canvas.zoomToPoint(viewportPoint, wheelZoom(this.canvas.getZoom(), e.deltaY, e.deltaMode));
      this.changed();
    });
    this.onDom(window, 'keydown', (e) => {
      // Behind an open dialog Space belongs to its focused button, not to panning.
      if (e.code !== 'Space' || isTyping(e.target) || isModalOpen()) return;
      e.preventDefault(); // Stop the page scrolling; space is a modifier here.
      if (!this.spaceDown) this.setCursor('grab');
      this.spaceDown = true;
    });
    this.onDom(window, 'keyup', (e) => {
      if (e.code !== 'Space') return;
      this.spaceDown = false;
      if (!this.drag) this.setCursor('default');
    });
        this.onDom(el, 'pointerdown', (e) => this.start(e), { capture: true });
    this.onDom(el, 'pointermove', (e) => this.move(e));
    this.onDom(el, 'pointerup', (e) => this.end(e));
    this.onDom(el, 'pointercancel', (e) => this.end(e));
    // Chromium starts autoscroll on middle press unless the mousedown is cancelled.
    this.onDom(el, 'mousedown', (e) => e.button === MIDDLE_BUTTON && e.preventDefault());
    this.onDispose(() => this.setCursor('default'));
  }

  private start(e: PointerEvent): void {
    if (!(e.button === MIDDLE_BUTTON || (e.button === 0 && this.spaceDown))) return;
    e.preventDefault();
    e.stopPropagation();
    this.canvas.wrapperEl.setPointerCapture(e.pointerId);
    this.drag = { pointerId: e.pointerId, x: e.clientX, y: e.clientY };
    this.setCursor('grabbing');
  }

  private move(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.pointerId) return;
    e.stopPropagation();
    this.canvas.relativePan(new Point(e.clientX - this.drag.x, e.clientY - this.drag.y));
    this.drag.x = e.clientX;
    this.drag.y = e.clientY;
    this.changed();
  }

  private end(e: PointerEvent): void {
    if (!this.drag || e.pointerId !== this.drag.pointerId) return;
    this.drag = null;
    this.setCursor(this.spaceDown ? 'grab' : 'default');
  }

  private setCursor(cursor: string): void {
    this.canvas.upperCanvasEl.style.cursor = cursor;
  }

  private changed(): void {
    this.canvas.requestRenderAll();
    this.options.onUserViewportChange?.();
  }
}
