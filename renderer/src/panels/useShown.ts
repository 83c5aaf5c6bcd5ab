import { onActivated, onDeactivated } from 'vue';

/**
 * A kept-alive panel's time on screen: `onShow` runs when it is shown, `onHide` when another
 * panel replaces it, and the returned `shown()` says which, for work that arrives in between
 * (a watcher, a late reply) and must not draw for a hidden panel.
 */
export function useShown(onShow: () => void, onHide: () => void = () => undefined): () => boolean {
  let shown = false;
  onActivated(() => {
    shown = true;
    onShow();
  });
  onDeactivated(() => {
    shown = false;
    onHide();
  });
  return () => shown;
}
