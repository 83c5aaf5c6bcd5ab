import type { Canvas } from 'fabric';
import { watch } from 'vue';
import { activeView } from '../../canvas/active';
import type { DragPathTool, DragPathOptions } from '../../canvas/tools/DragPathTool';
import { useShown } from '../useShown';

type ToolFactory = (canvas: Canvas) => DragPathTool<DragPathOptions>;

/**
 * Keeps this panel's canvas tool installed while the (kept-alive) panel is shown. `factory`
 * returns null for "no tool"; it is re-run whenever what it reads changes (tool, colour, size,
 * image). On leaving, the tool is removed only if another panel has not replaced it already.
 */
export function useLatentTool(factory: () => ToolFactory | null): void {
  let mine: DragPathTool<DragPathOptions> | null = null;
  const active = useShown(install, () => {
    if (mine && !mine.isDisposed) activeView()?.setTool(null);
    mine = null;
  });

  function install(): void {
    const view = activeView();
    if (!active() || !view) return;
    const make = factory();
    if (!make && (!mine || mine.isDisposed)) return;
    view.setTool(make ? (canvas) => (mine = make(canvas)) : null);
    if (!make) mine = null;
  }

  watch(factory, install);
}
