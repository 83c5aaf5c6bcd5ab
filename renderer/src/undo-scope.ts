import { computed, shallowReactive } from 'vue';

/**
 * Local undo before history undo: a tool with its own steps (painted strokes, mask edits) claims
 * Ctrl+Z and Ctrl+Shift+Z while it is active. Scopes are tried newest first; `undo` and `redo`
 * return true if they did something. `canUndo`/`canRedo` should read reactive state, so the
 * toolbar's buttons follow them.
 */
export interface UndoScope {
  undo(): boolean;
  redo(): boolean;
  canUndo(): boolean;
  canRedo(): boolean;
}

/** Reactive, so a scope coming or going updates the flags below. */
const scopes = shallowReactive<UndoScope[]>([]);

export function pushUndoScope(scope: UndoScope): () => void {
  scopes.push(scope);
  return () => {
    const i = scopes.lastIndexOf(scope);
    if (i >= 0) scopes.splice(i, 1);
  };
}

function runNewestFirst(run: (scope: UndoScope) => boolean): boolean {
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    const scope = scopes[i];
    if (scope && run(scope)) return true;
  }
  return false;
}

/** Runs the newest scope that has something to undo; false when none had. */
export function undoInScope(): boolean {
  return runNewestFirst((s) => s.undo());
}

/** Runs the newest scope that has something to redo; false when none had. */
export function redoInScope(): boolean {
  return runNewestFirst((s) => s.redo());
}

/** Whether some scope can undo / redo: the toolbar enables Undo / Redo for it as for history. */
export const scopeCanUndo = computed(() => scopes.some((s) => s.canUndo()));
export const scopeCanRedo = computed(() => scopes.some((s) => s.canRedo()));
