import type { Canvas } from 'fabric';
import type { PixelPoint } from '../mask/MaskModel';
import { MaskTool, type MaskToolOptions } from './mask-tool';

export interface MaskBrushOptions extends MaskToolOptions {
  /** Brush diameter in image pixels, read at every dab so [ and ] apply mid-session. */
  size(): number;
}

/**
 * Paints (or, as the eraser, clears) the mask with a round brush. Strokes go straight into
 * the image-resolution mask, so a stroke at 25 % zoom covers the same image pixels as at 400 %.
 */
export class MaskBrushTool extends MaskTool<MaskBrushOptions> {
  private last: PixelPoint | null = null;
  private erase = false;

  constructor(canvas: Canvas, options: MaskBrushOptions) {
    super(canvas, options);
    this.bind();
  }

  private bind(): void {
    this.onCanvas('mouse:down', ({ e, scenePoint }) => {
      if (!this.isPrimary(e)) return;
      this.erase = this.erasing(e);
      this.last = { x: scenePoint.x, y: scenePoint.y };
      this.paint(this.last);
    });
    this.onCanvas('mouse:move', ({ scenePoint }) => {
      if (this.last) this.paint({ x: scenePoint.x, y: scenePoint.y });
    });
    this.onCanvas('mouse:up', () => {
      if (!this.last) return;
      this.last = null;
      this.options.onChange();
    });
  }

  private paint(to: PixelPoint): void {
    const from = this.last ?? to;
    this.options.layer.model.segment(from, to, this.options.size() / 2, this.erase);
    this.last = to;
    this.options.layer.refresh();
  }
}
