import { defineStore } from 'pinia';
import { ref } from 'vue';

export type MaskToolName = 'brush' | 'eraser' | 'rect' | 'lasso';

export const MIN_BRUSH = 1;
export const MAX_BRUSH = 500;
export const MAX_FEATHER = 50;

/**
 * The mask tools' settings, as plain reactive data. The mask pixels and the Fabric overlay
 * live outside Vue (canvas/mask/controller.ts): Fabric objects must not be proxied.
 */
export const useMaskStore = defineStore('mask', () => {
  const tool = ref<MaskToolName | null>(null);
  /** Brush diameter in image pixels. */
  const brushSize = ref(40);
  /** Blur radius in image pixels applied when the mask is rasterised for the engine. */
  const feather = ref(0);
  const overlay = ref(true);
  /** Whether any pixel is masked; updated after each finished edit. */
  const hasMask = ref(false);
  /** Whether every pixel is: fill and GAN completion then have nothing to fill from. */
  const coversAll = ref(false);
  /** Whether the mask history has a step to undo / redo (for the toolbar), updated with hasMask. */
  const canUndo = ref(false);
  const canRedo = ref(false);

  function setBrushSize(size: number): void {
    brushSize.value = Math.round(Math.min(MAX_BRUSH, Math.max(MIN_BRUSH, size)));
  }

  return { tool, brushSize, feather, overlay, hasMask, coversAll, canUndo, canRedo, setBrushSize };
});
