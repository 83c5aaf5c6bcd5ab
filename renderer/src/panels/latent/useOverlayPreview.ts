import { ref, watch } from 'vue';
import type { EditPreview, EditPreviewArgs } from '../../../../preload/contract';
import { activeView } from '../../canvas/active';
import { overlayOf, regionOutlineOf, strokeLayerOf } from '../../canvas/latent/layers';
import { getApi } from '../../ipc/api';
import { errorText } from '../../i18n';
import { latestRequester } from '../../latent/schedule';
import { useToastStore } from '../../stores/toasts';
import { useShown } from '../useShown';

/**
 * Draws previewEdit results over the canvas while the (kept-alive) panel is shown. `args`
 * returns null when there is nothing to preview; any change of it asks for a new preview,
 * one per animation frame at most, and stale answers are dropped. `shown` is true while the
 * overlay for the current arguments is on the canvas.
 */
export function useOverlayPreview(args: () => EditPreviewArgs | null) {
  const toasts = useToastStore();
  const shown = ref(false);
  const active = useShown(refresh, clear);

  const requester = latestRequester<EditPreviewArgs, EditPreview>(
    (a) => getApi().previewEdit(a),
    (preview) => void draw(preview),
    (e) => toasts.show(errorText(e), 'error'),
  );

  async function draw(preview: EditPreview): Promise<void> {
    const view = activeView();
    if (!view || !active()) return;
    if (await overlayOf(view.canvas).show(preview)) {
      regionOutlineOf(view.canvas).raise(); // The preview covers the region exactly: its outline stays on top.
      strokeLayerOf(view.canvas).raise(); // Painted strokes stay visible above the result.
      shown.value = active();
    }
  }

  function clear(): void {
    requester.invalidate();
    shown.value = false;
    const view = activeView();
    if (view) overlayOf(view.canvas).clear();
  }

  function refresh(): void {
    if (!active()) return;
    const a = args();
    if (a) requester.push(a);
    else clear();
  }

  watch(args, refresh);

  /** The overlay's before/after divider (0–1 across the region). */
  function setSplit(fraction: number): void {
    const view = activeView();
    if (view) overlayOf(view.canvas).setSplit(fraction);
  }

  return { shown, setSplit, clear };
}
