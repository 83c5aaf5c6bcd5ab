import { type Canvas, Rect } from 'fabric';
import type { PixelPoint } from '../mask/MaskModel';
import { MaskTool, type MaskToolOptions } from './mask-tool';

/** Drags a rectangle and adds it to the mask (Alt: removes it). A dashed outline shows it meanwhile. */
export class MaskRectTool extends MaskTool {
  private start: PixelPoint | null = null;
  private erase = false;
  private readonly preview = new Rect({
    fill: 'rgba(255,0,0,0.2)', stroke: '#ff4040', strokeDashArray: [6, 4], strokeUniform: true,
    selectable: false, evented: false, visible: false, originX: 'left', originY: 'top', objectCaching: false,
  });

  constructor(canvas: Canvas, options: MaskToolOptions) {
    super(canvas, options);
    canvas.add(this.preview);
    this.onDispose(() => canvas.remove(this.preview));
    this.bind();
  }

  private bind(): void {
    this.onCanvas('mouse:down', ({ e, scenePoint }) => {
      if (!this.isPrimary(e)) return;
      this.erase = this.erasing(e);
      this.start = { x: scenePoint.x, y: scenePoint.y };
    });
    this.onCanvas('mouse:move', ({ scenePoint }) => {
      if (!this.start) return;
      const { x, y } = this.start;
      this.preview.set({ left: Math.min(x, scenePoint.x), top: Math.min(y, scenePoint.y), width: Math.abs(scenePoint.x - x), height: Math.abs(scenePoint.y - y), visible: true });
      this.canvas.bringObjectToFront(this.preview);
      this.canvas.requestRenderAll();
    });
    this.onCanvas('mouse:up', ({ scenePoint }) => {
      if (!this.start) return;
      this.options.layer.model.fillRect(this.start, { x: scenePoint.x, y: scenePoint.y }, this.erase);
      this.start = null;
      this.preview.visible = false;
      this.options.layer.refresh();
      this.options.onChange();
    });
  }
}
