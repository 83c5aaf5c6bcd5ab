import { activeView } from './canvas/active';
import { overlayOf, regionOutlineOf } from './canvas/latent/layers';
import { useDocumentStore } from './stores/document';
import { usePaintStore } from './stores/paint';
import { useUiStore } from './stores/ui';

/**
 * A read-only hook for E2E tests. Safe in production: it only returns what the UI already
 * shows, as copies, and offers no way to change anything.
 */
export function installDebugHook(): void {
  const doc = useDocumentStore();
  const ui = useUiStore();
  const hook = Object.freeze({
    currentImage: () => (doc.current ? { ...doc.current } : null),
    zoom: () => ui.zoom,
    // Latent tools: where the edit overlay sits (CSS px in the canvas element), the view transform
    // (to place strokes on photo pixels) and how many painted strokes are drawn.
    overlayRect: () => {
      const view = activeView();
      return view ? overlayOf(view.canvas).viewportRect() : null;
    },
    // The session's region outline while painting (CSS px in the canvas element), or null when none is drawn.
    regionOutlineRect: () => {
      const view = activeView();
      return view ? regionOutlineOf(view.canvas).viewportRect() : null;
    },
    viewportTransform: () => [...(activeView()?.canvas.viewportTransform ?? [1, 0, 0, 1, 0, 0])],
    strokeCount: () => usePaintStore().strokes.length,
  });
  Object.defineProperty(window, '__latentshop', { value: hook, writable: false, configurable: true });
}
