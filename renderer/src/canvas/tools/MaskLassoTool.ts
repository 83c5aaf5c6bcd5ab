import { type Canvas, Polyline } from 'fabric';
import type { PixelPoint } from '../mask/MaskModel';
import { MaskTool, type MaskToolOptions } from './mask-tool';

/** Points closer than this (image pixels) are skipped, so a slow drag does not pile up thousands. */
const MIN_STEP = 2;

/** Free-hand lasso: the drawn outline is closed and filled into the mask (Alt: cut out of it). */
export class MaskLassoTool extends MaskTool {
  private points: PixelPoint[] = [];
  private drawing = false;
  private erase = false;
  private preview: Polyline | null = null;

  constructor(canvas: Canvas, options: MaskToolOptions) {
    super(canvas, options);
    this.onDispose(() => this.clearPreview());
    this.bind();
  }

  private bind(): void {
    this.onCanvas('mouse:down', ({ e, scenePoint }) => {
      if (!this.isPrimary(e)) return;
      this.drawing = true;
      this.erase = this.erasing(e);
      this.points = [{ x: scenePoint.x, y: scenePoint.y }];
    });
    this.onCanvas('mouse:move', ({ scenePoint }) => {
      const last = this.points.at(-1);
      if (!this.drawing || !last || Math.hypot(scenePoint.x - last.x, scenePoint.y - last.y) < MIN_STEP) return;
      this.points.push({ x: scenePoint.x, y: scenePoint.y });
      this.showPreview();
    });
    this.onCanvas('mouse:up', () => {
      if (!this.drawing) return;
      this.drawing = false;
      this.options.layer.model.fillPolygon(this.points, this.erase);
      this.points = [];
      this.clearPreview();
      this.options.layer.refresh();
      this.options.onChange();
    });
  }

  private showPreview(): void {
    this.clearPreview();
    // Fabric sizes a polyline from its points at creation: a new one per update is simplest.
    this.preview = new Polyline(this.points, { fill: 'rgba(255,0,0,0.2)', stroke: '#ff4040', strokeUniform: true, selectable: false, evented: false, objectCaching: false });
    this.canvas.add(this.preview);
    this.canvas.requestRenderAll();
  }

  private clearPreview(): void {
    if (this.preview) this.canvas.remove(this.preview);
    this.preview = null;
  }
}
