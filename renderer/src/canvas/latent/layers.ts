import type { Canvas } from 'fabric';
import { EditOverlay } from './EditOverlay';
import { RegionOutline } from './RegionOutline';
import { StrokeLayer } from './StrokeLayer';

/**
 * One overlay, one stroke layer and one session-region outline per Fabric canvas, shared by the
 * Edit and Paint panels (one preview shows at a time). Weak maps: a disposed canvas takes its
 * layers with it.
 */
const overlays = new WeakMap<Canvas, EditOverlay>();
const strokeLayers = new WeakMap<Canvas, StrokeLayer>();
const outlines = new WeakMap<Canvas, RegionOutline>();

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

/** The live session's region while painting (the Edit panel's picker draws its own while choosing). */
export function regionOutlineOf(canvas: Canvas): RegionOutline {
  let outline = outlines.get(canvas);
  if (!outline) outlines.set(canvas, (outline = new RegionOutline(canvas)));
  return outline;
}
