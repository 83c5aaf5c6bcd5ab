/**
 * Local undo before history undo: a tool with its own steps (e.g. painted strokes) claims
 * Ctrl+Z while it is active. Scopes are tried newest first; each returns true if it undid something.
 */
const scopes: Array<() => boolean> = [];

export function pushUndoScope(scope: () => boolean): () => void {
  scopes.push(scope);
  return () => {
    const i = scopes.lastIndexOf(scope);
    if (i >= 0) scopes.splice(i, 1);
  };
}

/** Runs the newest scope that has something to undo; false when none had. */
export function undoInScope(): boolean {
  for (let i = scopes.length - 1; i >= 0; i -= 1) if (scopes[i]?.()) return true;
  return false;
}
