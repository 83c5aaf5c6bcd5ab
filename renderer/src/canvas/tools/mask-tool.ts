import type { Canvas, TPointerEvent } from 'fabric';
import type { MaskLayer } from '../mask/MaskLayer';
import { CanvasTool } from './CanvasTool';

/** Options every mask tool takes: the layer it edits and a callback after each finished edit. */
export interface MaskToolOptions {
  layer: MaskLayer;
  /** After a stroke, rectangle or lasso is committed to the mask (e.g. to update "has mask"). */
  onChange(): void;
  /** Clear instead of paint (the eraser, or Alt with the shape tools). */
  erase?: boolean;
}

/** Base of the mask tools: a crosshair cursor while active, and only the primary button draws. */
export abstract class MaskTool<O extends MaskToolOptions = MaskToolOptions> extends CanvasTool<O> {
  constructor(canvas: Canvas, options: O) {
    super(canvas, options);
    const previous = canvas.defaultCursor;
    canvas.defaultCursor = 'crosshair';
    canvas.upperCanvasEl.style.cursor = 'crosshair';
    this.onDispose(() => {
      canvas.defaultCursor = previous;
      canvas.upperCanvasEl.style.cursor = previous;
    });
  }

  protected isPrimary(e: TPointerEvent): boolean {
    return !('button' in e) || e.button === 0;
  }

  protected erasing(e: TPointerEvent): boolean {
    return this.options.erase === true || ('altKey' in e && e.altKey);
  }
}
