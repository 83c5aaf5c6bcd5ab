import { type Canvas, FabricImage } from 'fabric';
import { MaskHistory } from './MaskHistory';
import { MaskModel } from './MaskModel';

/** Half-transparent red, as photo editors show a quick mask. */
const OVERLAY_OPACITY = 0.5;

/**
 * The mask model plus its overlay on the Fabric canvas: one image object drawn from the
 * mask's own canvas (1 canvas unit = 1 image pixel), kept on top and never hit-tested.
 */
export class MaskLayer {
  readonly model: MaskModel;
  /** Born with the (empty) model, so a new image's mask starts a fresh history too. */
  readonly history: MaskHistory;
  private readonly overlay: FabricImage;

  constructor(private readonly canvas: Canvas, width: number, height: number, visible: boolean) {
    this.model = new MaskModel(width, height);
    this.history = new MaskHistory(this.model);
    this.overlay = new FabricImage(this.model.canvas, {
      left: 0, top: 0, originX: 'left', originY: 'top', opacity: OVERLAY_OPACITY, visible,
      selectable: false, evented: false, objectCaching: false, hoverCursor: 'default',
    });
    canvas.add(this.overlay);
  }

  fits(width: number, height: number): boolean {
    return this.model.width === width && this.model.height === height;
  }

  setVisible(visible: boolean): void {
    this.overlay.visible = visible;
    this.refresh();
  }

  /** Redraws the overlay after the model changed; it stays above the image. */
  refresh(): void {
    this.overlay.dirty = true;
    this.canvas.bringObjectToFront(this.overlay);
    this.canvas.requestRenderAll();
  }

  /** Makes what was drawn since the last step one undo step; false when nothing changed. */
  commit(): boolean {
    return this.history.commit(this.model.takeDirty());
  }

  /** A step back (or forward). An edit still in progress is committed first, so it is what undo takes. */
  step(direction: 'undo' | 'redo'): boolean {
    this.commit();
    const moved = direction === 'undo' ? this.history.undo() : this.history.redo();
    if (moved) this.refresh();
    return moved;
  }

  dispose(): void {
    this.canvas.remove(this.overlay);
    this.canvas.requestRenderAll();
  }
}
