import { watch } from 'vue';
import type { Rect } from '../../../../preload/contract';
import { activeView } from '../../canvas/active';
import { regionOutlineOf } from '../../canvas/latent/layers';
import { useUiStore } from '../../stores/ui';
import { useShown } from '../useShown';

/**
 * Draws a region's outline on the canvas while the (kept-alive) panel is shown, so the user sees
 * where painting counts. `region` returns null for none. Redrawn when the zoom changes: the
 * outline's width and dashes are sized in screen pixels at the zoom it was drawn for.
 */
export function useRegionOutline(region: () => Rect | null): void {
  const ui = useUiStore();
  const shown = useShown(draw, draw);

  function draw(): void {
    const view = activeView();
    if (view) regionOutlineOf(view.canvas).show(shown() ? region() : null);
  }

  watch([region, () => ui.zoom], draw);
}
