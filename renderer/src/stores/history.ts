/**
 * A pure, capped undo history. Kept free of Vue and the API so its rules are unit-tested
 * directly; the document store wraps it and releases whatever `dropped` returns.
 */
export interface History<T> {
  readonly steps: readonly T[];
  /** Index of the current step, -1 when empty. */
  readonly index: number;
}

export interface HistoryChange<T> {
  history: History<T>;
  /** Steps no longer reachable (redo branch cut, or past the cap): the caller frees them. */
  dropped: T[];
}

export function emptyHistory<T>(): History<T> {
  return { steps: [], index: -1 };
}

export function current<T>(history: History<T>): T | null {
  return history.steps[history.index] ?? null;
}

export function canUndo<T>(history: History<T>): boolean {
  return history.index > 0;
}

export function canRedo<T>(history: History<T>): boolean {
  return history.index < history.steps.length - 1;
}

/** Adds a step after the current one, cutting any redo branch and trimming to `cap`. */
export function push<T>(history: History<T>, step: T, cap: number): HistoryChange<T> {
  const kept = history.steps.slice(0, history.index + 1);
  const dropped = history.steps.slice(history.index + 1);
  kept.push(step);
  const overflow = Math.max(0, kept.length - Math.max(1, cap));
  dropped.push(...kept.splice(0, overflow));
  return { history: { steps: kept, index: kept.length - 1 }, dropped };
}

export function undo<T>(history: History<T>): History<T> {
  return canUndo(history) ? { steps: history.steps, index: history.index - 1 } : history;
}

export function redo<T>(history: History<T>): History<T> {
  return canRedo(history) ? { steps: history.steps, index: history.index + 1 } : history;
}

/** Starts over with one step (a newly opened image); everything before is dropped. */
export function reset<T>(history: History<T>, step: T): HistoryChange<T> {
  return { history: { steps: [step], index: 0 }, dropped: [...history.steps] };
}
