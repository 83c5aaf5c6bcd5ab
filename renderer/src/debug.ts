import { useDocumentStore } from './stores/document';
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
  });
  Object.defineProperty(window, '__latentshop', { value: hook, writable: false, configurable: true });
}
