import { Canvas, FabricImage, Point, type Rect } from 'fabric';
import type { ImageInfo } from '../../../preload/contract';
import { createCheckerboard, setCheckerZoom } from './checkerboard';
import { PanZoomTool } from './tools/PanZoomTool';
import type { CanvasTool } from './tools/CanvasTool';
import { centredTransform, clampZoom, fitZoom, type Size } from './viewport';

/** The view's zoom, or null while an image of another size is loading (the zoom will change). */
export type ZoomListener = (zoom: number | null) => void;

/**
 * Wraps a Fabric canvas that shows the current image at its true pixel size in canvas
 * coordinates (1 canvas unit = 1 image pixel), so tools can work in image pixels directly.
 */
export class CanvasView {
  readonly canvas: Canvas;
  private image: FabricImage | null = null;
  /** Under images with an alpha channel only. */
  private checker: Rect | null = null;
  private imageSize: Size | null = null;
  private readonly panZoom: PanZoomTool;
  private tool: CanvasTool | null = null;
  private readonly observer: ResizeObserver;
  private readonly zoomListeners = new Set<ZoomListener>();
  /** While true, window resizes refit; any user pan or zoom turns it off. */
  private fitMode = true;
  private loadSeq = 0;

  constructor(private readonly host: HTMLElement, element: HTMLCanvasElement) {
    this.canvas = new Canvas(element, { selection: false, backgroundColor: '#1a1c20', preserveObjectStacking: true });
    this.panZoom = new PanZoomTool(this.canvas, { onUserViewportChange: () => this.userChanged() });
    this.observer = new ResizeObserver(() => this.resizeToHost());
    this.observer.observe(host);
    this.resizeToHost();
  }

  get zoom(): number {
    return this.canvas.getZoom();
  }

  onZoom(listener: ZoomListener): () => void {
    this.zoomListeners.add(listener);
    return () => this.zoomListeners.delete(listener);
  }

  /** Shows an engine image (or nothing). Keeps the view when the size is unchanged, e.g. on undo. */
  async show(info: ImageInfo | null): Promise<void> {
    const seq = ++this.loadSeq;
    if (!info) return this.replaceImage(null, null);
    // A 24 MP preview takes a second or two to load; until then the old zoom would be shown as the new photo's.
    if (info.width !== this.imageSize?.width || info.height !== this.imageSize.height) this.emitZoom(null);
    let img: FabricImage;
    try {
      img = await FabricImage.fromURL(info.previewUrl);
    } catch (error) {
      if (seq === this.loadSeq) this.emitZoom(this.zoom); // The view still shows what it showed.
      throw error;
    }
    if (seq !== this.loadSeq) return; // A newer show() won the race.
    // The preview may be smaller than the image; scale it so canvas units stay image pixels.
    img.set({
      left: 0, top: 0, originX: 'left', originY: 'top',
      scaleX: info.width / (img.width || 1), scaleY: info.height / (img.height || 1),
      selectable: false, evented: false, objectCaching: false, hoverCursor: 'default',
    });
    this.replaceImage(img, { width: info.width, height: info.height }, info.channels === 2 || info.channels === 4);
  }

  private replaceImage(img: FabricImage | null, size: Size | null, hasAlpha = false): void {
    const sameSize = size && this.imageSize && size.width === this.imageSize.width && size.height === this.imageSize.height;
    if (this.image) this.canvas.remove(this.image);
    if (this.checker) this.canvas.remove(this.checker);
    this.image = img;
    this.imageSize = size;
    this.checker = img && size && hasAlpha ? createCheckerboard(size) : null;
    if (img) this.canvas.insertAt(0, img);
    if (this.checker) {
      setCheckerZoom(this.checker, this.zoom);
      this.canvas.insertAt(0, this.checker);
    }
    if (sameSize) {
      this.canvas.requestRenderAll();
      this.emitZoom(this.zoom); // Ends a 'loading' another show() began.
    } else this.fit();
  }

  fit(): void {
    this.fitMode = true;
    this.setZoomCentred(this.imageSize ? fitZoom(this.imageSize, this.viewSize()) : 1);
  }

  /** 100 %: one image pixel per CSS pixel, centred. */
  actualSize(): void {
    this.fitMode = false;
    this.setZoomCentred(1);
  }

  /** Zooms about a point in view (CSS pixel) coordinates; defaults to the view centre. */
  zoomTo(zoom: number, at?: Point): void {
    const view = this.viewSize();
    this.fitMode = false;
    this.canvas.zoomToPoint(at ?? new Point(view.width / 2, view.height / 2), clampZoom(zoom));
    this.userChanged();
  }

  /** Installs an editing tool on top of pan/zoom, disposing the previous one. */
  setTool(factory: ((canvas: Canvas) => CanvasTool) | null): void {
    this.tool?.dispose();
    this.tool = factory ? factory(this.canvas) : null;
  }

  dispose(): void {
    this.observer.disconnect();
    this.tool?.dispose();
    this.panZoom.dispose();
    this.zoomListeners.clear();
    void this.canvas.dispose();
  }

  private setZoomCentred(zoom: number): void {
    const size = this.imageSize ?? { width: 0, height: 0 };
    this.canvas.setViewportTransform(centredTransform(zoom, size, this.viewSize()));
    this.afterZoom();
  }

  private userChanged(): void {
    this.fitMode = false;
    this.afterZoom();
  }

  private afterZoom(): void {
    // Smooth when shrinking; show crisp pixels when zoomed in, as photo editors do.
    this.canvas.imageSmoothingEnabled = this.zoom < 1;
    if (this.checker) setCheckerZoom(this.checker, this.zoom);
    this.canvas.requestRenderAll();
    this.emitZoom(this.zoom);
  }

  private emitZoom(zoom: number | null): void {
    for (const listener of this.zoomListeners) listener(zoom);
  }

  private viewSize(): Size {
    return { width: this.canvas.getWidth(), height: this.canvas.getHeight() };
  }

  private resizeToHost(): void {
    const width = Math.max(1, Math.floor(this.host.clientWidth));
    const height = Math.max(1, Math.floor(this.host.clientHeight));
    if (width === this.canvas.getWidth() && height === this.canvas.getHeight()) return;
    this.canvas.setDimensions({ width, height });
    if (this.fitMode) this.fit();
    else this.canvas.requestRenderAll();
  }
}
