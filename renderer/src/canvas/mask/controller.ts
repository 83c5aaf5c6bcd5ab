import { markRaw } from 'vue';
import type { Canvas } from 'fabric';
import type { UploadFrame } from '../../../../preload/contract/types';
import { activeView } from '../active';
import type { CanvasView } from '../CanvasView';
import { MaskBrushTool } from '../tools/MaskBrushTool';
import { MaskLassoTool } from '../tools/MaskLassoTool';
import { MaskRectTool } from '../tools/MaskRectTool';
import type { CanvasTool } from '../tools/CanvasTool';
import type { PixelRect } from '../../components/rect-fields';
import { useDocumentStore } from '../../stores/document';
import { type MaskToolName, useMaskStore } from '../../stores/mask';
import { useUiStore } from '../../stores/ui';
import { pushUndoScope } from '../../undo-scope';
import { MaskLayer } from './MaskLayer';

/** The one mask layer, bound to the view and image size it was made for. Not reactive state. */
let layer: MaskLayer | null = null;
let layerView: CanvasView | null = null;
let scopeInstalled = false;

/**
 * Mask commands for panels and shortcuts. The layer is created on first use at the current
 * image's size, and replaced (emptied) when the image size changes.
 */
export function useMaskController() {
  const mask = useMaskStore();
  const doc = useDocumentStore();
  const ui = useUiStore();

  function ensureLayer(): MaskLayer | null {
    const view = activeView();
    const image = doc.current;
    if (!view || !image) return null;
    if (layer && layerView === view && layer.fits(image.width, image.height)) return layer;
    layer?.dispose();
    layer = markRaw(new MaskLayer(view.canvas, image.width, image.height, overlayShown()));
    layerView = view;
    changed();
    return layer;
  }

  /**
   * The red overlay shows in the Inpaint panel only, and there as the user set it: elsewhere it
   * would tint the photo a latent edit or an upscale is judged on. The mask itself stays.
   */
  function overlayShown(): boolean {
    return mask.overlay && ui.activePanel === 'inpaint';
  }

  /** After each finished edit: it becomes an undo step, and the store's flags follow the layer. */
  function changed(): void {
    layer?.commit();
    const covered = layer?.history.covered ?? 0;
    mask.hasMask = covered > 0;
    mask.coversAll = layer !== null && covered === layer.model.width * layer.model.height;
    mask.canUndo = layer?.history.canUndo ?? false;
    mask.canRedo = layer?.history.canRedo ?? false;
  }

  function step(direction: 'undo' | 'redo'): boolean {
    // Mask steps are the Inpaint panel's: elsewhere Ctrl+Z goes to the document (or that panel's scope).
    if (ui.activePanel !== 'inpaint' || !layer?.step(direction)) return false;
    changed();
    return true;
  }

  // Once per app (the layer is module state too): the scope stays, and answers only in the Inpaint panel.
  if (!scopeInstalled) {
    scopeInstalled = true;
    pushUndoScope({
      undo: () => step('undo'),
      redo: () => step('redo'),
      canUndo: () => ui.activePanel === 'inpaint' && mask.canUndo,
      canRedo: () => ui.activePanel === 'inpaint' && mask.canRedo,
    });
  }

  function factory(name: MaskToolName, target: MaskLayer): (canvas: Canvas) => CanvasTool {
    const common = { layer: target, onChange: changed };
    if (name === 'rect') return (canvas) => new MaskRectTool(canvas, common);
    if (name === 'lasso') return (canvas) => new MaskLassoTool(canvas, common);
    return (canvas) => new MaskBrushTool(canvas, { ...common, erase: name === 'eraser', size: () => mask.brushSize });
  }

  function selectTool(name: MaskToolName | null): void {
    changed(); // A stroke cut short by the switch is its own step.
    const target = name ? ensureLayer() : null;
    activeView()?.setTool(name && target ? factory(name, target) : null);
    mask.tool = name && target ? name : null;
  }

  function edit(fn: (target: MaskLayer) => void): void {
    const target = ensureLayer();
    if (!target) return;
    fn(target);
    target.refresh();
    changed();
  }

  /**
   * On every document change: drops the mask when the size changes (a new image, or a resize
   * undone). A same-size change (a fill's result, an adjustment, history undo) keeps the mask
   * but starts its history afresh: mask steps are then older than that change, and Ctrl+Z must
   * reach the document first.
   */
  function syncToImage(): void {
    const image = doc.current;
    if (layer && (!image || !layer.fits(image.width, image.height))) {
      layer.dispose();
      layer = null;
      if (mask.tool) selectTool(image ? mask.tool : null);
    }
    layer?.commit();
    layer?.history.forget();
    changed();
  }

  return {
    selectTool,
    syncToImage,
    invert: () => edit((l) => l.model.invert()),
    clear: () => edit((l) => l.model.clear()),
    /** Empties the mask without an undo step, e.g. once a fill has used it (the fill is the step). */
    discard: () => {
      if (!layer) return;
      layer.commit(); // An edit in progress is its own step before the mask goes.
      layer.model.clear();
      layer.model.takeDirty();
      layer.history.reset();
      layer.refresh();
      changed();
    },
    /** A typed rectangle (null: the whole image) masked, or unmasked: the keyboard's way to a mask, and an exact one. */
    fillRect: (rect: PixelRect | null, erase: boolean) =>
      edit((l) => {
        const { x, y, width, height } = rect ?? { x: 0, y: 0, width: l.model.width, height: l.model.height };
        l.model.fillRect({ x, y }, { x: x + width, y: y + height }, erase);
      }),
    setOverlay: (visible: boolean) => {
      mask.overlay = visible;
      layer?.setVisible(overlayShown());
    },
    /** Shows or hides the overlay as the active panel changes (see overlayShown). */
    syncOverlay: () => layer?.setVisible(overlayShown()),
    /** The mask as the PNG the engine gets (feathered, its frame in the image); null when nothing is masked. */
    maskPng: async (): Promise<{ blob: Blob; frame: UploadFrame } | null> => (layer && mask.hasMask ? layer.model.toPng(mask.feather) : null),
    importMask: async (file: File): Promise<void> => {
      const bitmap = await createImageBitmap(file);
      edit((l) => l.model.load(bitmap));
      bitmap.close();
    },
  };
}
