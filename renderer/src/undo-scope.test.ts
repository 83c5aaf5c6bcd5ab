import { describe, expect, it } from 'vitest';
import { ref } from 'vue';
import { pushUndoScope, redoInScope, scopeCanRedo, scopeCanUndo, undoInScope, type UndoScope } from './undo-scope';

/** A scope over a counter: undo moves steps to `undone`, redo moves them back. */
function counter(calls: string[], name: string, steps: number): UndoScope & { done: { value: number } } {
  const done = ref(steps);
  const undone = ref(0);
  return {
    done,
    undo: () => (calls.push(`${name}-undo`), done.value > 0 && (done.value--, undone.value++, true)),
    redo: () => (calls.push(`${name}-redo`), undone.value > 0 && (undone.value--, done.value++, true)),
    canUndo: () => done.value > 0,
    canRedo: () => undone.value > 0,
  };
}

describe('undo scopes', () => {
  it('tries the newest scope first and falls through when it has nothing', () => {
    const calls: string[] = [];
    const offA = pushUndoScope(counter(calls, 'a', 0));
    const offB = pushUndoScope(counter(calls, 'b', 1));
    expect(undoInScope()).toBe(true);
    expect(calls).toEqual(['b-undo']);
    expect(undoInScope()).toBe(false);
    expect(calls).toEqual(['b-undo', 'b-undo', 'a-undo']);
    offB();
    offA();
    expect(undoInScope()).toBe(false);
  });

  it('redoes in the newest scope that has something to redo, symmetric to undo', () => {
    const calls: string[] = [];
    const offA = pushUndoScope(counter(calls, 'a', 1));
    const offB = pushUndoScope(counter(calls, 'b', 0));
    expect(redoInScope()).toBe(false);
    expect(undoInScope()).toBe(true); // b has nothing: a undoes.
    calls.length = 0;
    expect(redoInScope()).toBe(true);
    expect(calls).toEqual(['b-redo', 'a-redo']);
    expect(redoInScope()).toBe(false);
    offB();
    offA();
  });

  it('says reactively whether any scope can undo or redo, and forgets removed scopes', () => {
    const scope = counter([], 'a', 1);
    expect(scopeCanUndo.value).toBe(false);
    const off = pushUndoScope(scope);
    expect(scopeCanUndo.value).toBe(true);
    expect(scopeCanRedo.value).toBe(false);
    undoInScope();
    expect(scopeCanUndo.value).toBe(false);
    expect(scopeCanRedo.value).toBe(true);
    off();
    expect(scopeCanRedo.value).toBe(false);
  });
});
