import type { Canvas } from 'fabric';
import { EditOverlay } from './EditOverlay';
import { StrokeLayer } from './StrokeLayer';

/**
 * One overlay and one stroke layer per Fabric canvas, shared by the Edit and Paint panels (one
 * preview shows at a time). Weak maps: a disposed canvas takes its layers with it.
 */
const overlays = new WeakMap<Canvas, EditOverlay>();
const strokeLayers = new WeakMap<Canvas, StrokeLayer>();

export function overlayOf(canvas: Canvas): EditOverlay {
  let overlay = overlays.get(canvas);
  if (!overlay) overlays.set(canvas, (overlay = new EditOverlay(canvas)));
  return overlay;
}

export function strokeLayerOf(canvas: Canvas): StrokeLayer {
  let layer = strokeLayers.get(canvas);
  if (!layer) strokeLayers.set(canvas, (layer = new StrokeLayer(canvas)));
  return layer;
}
