import { describe, expect, it } from 'vitest';
import { pushUndoScope, undoInScope } from './undo-scope';

describe('undo scopes', () => {
  it('tries the newest scope first and falls through when it has nothing', () => {
    const calls: string[] = [];
    let strokes = 1;
    const offA = pushUndoScope(() => (calls.push('a'), false));
    const offB = pushUndoScope(() => (calls.push('b'), strokes-- > 0));
    expect(undoInScope()).toBe(true);
    expect(calls).toEqual(['b']);
    expect(undoInScope()).toBe(false);
    expect(calls).toEqual(['b', 'b', 'a']);
    offB();
    offA();
    expect(undoInScope()).toBe(false);
  });
});
