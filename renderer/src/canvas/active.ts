import type { CanvasView } from './CanvasView';

/**
 * The canvas view currently mounted. A plain module variable, not reactive state: Fabric
 * objects must not be proxied, and toolbar/shortcut actions only need to call into it.
 */
let active: CanvasView | null = null;

export function setActiveView(view: CanvasView | null): void {
  active = view;
}

export function activeView(): CanvasView | null {
  return active;
}
