import { markRaw } from 'vue';
import type { Canvas } from 'fabric';
import { activeView } from '../active';
import type { CanvasView } from '../CanvasView';
import { MaskBrushTool } from '../tools/MaskBrushTool';
import { MaskLassoTool } from '../tools/MaskLassoTool';
import { MaskRectTool } from '../tools/MaskRectTool';
import type { CanvasTool } from '../tools/CanvasTool';
import { useDocumentStore } from '../../stores/document';
import { type MaskToolName, useMaskStore } from '../../stores/mask';
import { MaskLayer } from './MaskLayer';

/** The one mask layer, bound to the view and image size it was made for. Not reactive state. */
let layer: MaskLayer | null = null;
let layerView: CanvasView | null = null;

/**
 * Mask commands for panels and shortcuts. The layer is created on first use at the current
 * image's size, and replaced (emptied) when the image size changes.
 */
export function useMaskController() {
  const mask = useMaskStore();
  const doc = useDocumentStore();

  function ensureLayer(): MaskLayer | null {
    const view = activeView();
    const image = doc.current;
    if (!view || !image) return null;
    if (layer && layerView === view && layer.fits(image.width, image.height)) return layer;
    layer?.dispose();
    layer = markRaw(new MaskLayer(view.canvas, image.width, image.height, mask.overlay));
    layerView = view;
    mask.hasMask = false;
    return layer;
  }

  function changed(): void {
    mask.hasMask = layer ? !layer.model.isEmpty() : false;
  }

  function factory(name: MaskToolName, target: MaskLayer): (canvas: Canvas) => CanvasTool {
    const common = { layer: target, onChange: changed };
    if (name === 'rect') return (canvas) => new MaskRectTool(canvas, common);
    if (name === 'lasso') return (canvas) => new MaskLassoTool(canvas, common);
    return (canvas) => new MaskBrushTool(canvas, { ...common, erase: name === 'eraser', size: () => mask.brushSize });
  }

  function selectTool(name: MaskToolName | null): void {
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

  /** Drops the mask when the document's size changes (a new image, or a resize undone). */
  function syncToImage(): void {
    const image = doc.current;
    if (layer && (!image || !layer.fits(image.width, image.height))) {
      layer.dispose();
      layer = null;
      if (mask.tool) selectTool(image ? mask.tool : null);
      changed();
    }
  }

  return {
    selectTool,
    syncToImage,
    invert: () => edit((l) => l.model.invert()),
    clear: () => edit((l) => l.model.clear()),
    setOverlay: (visible: boolean) => {
      mask.overlay = visible;
      layer?.setVisible(visible);
    },
    /** The mask as the PNG the engine gets: image size, feathered; null when nothing is masked. */
    maskPng: async (): Promise<Blob | null> => (layer && mask.hasMask ? layer.model.toPng(mask.feather) : null),
    importMask: async (file: File): Promise<void> => {
      const bitmap = await createImageBitmap(file);
      edit((l) => l.model.load(bitmap));
      bitmap.close();
    },
  };
}
