import { describe, expect, it } from 'vitest';
import { BINDINGS, matchShortcut, type KeyLike } from '../shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('paint tool shortcuts', () => {
  it('maps P, K, Shift+E and I without taking the mask keys', () => {
    expect(matchShortcut(key('p'))).toBe('paintBrush');
    expect(matchShortcut(key('k'))).toBe('paintSketch');
    expect(matchShortcut(key('E', { shiftKey: true }))).toBe('paintEraser');
    expect(matchShortcut(key('i'))).toBe('eyedropper');
    expect(matchShortcut(key('e'))).toBe('maskEraser');
    expect(matchShortcut(key('E', { ctrlKey: true, shiftKey: true }))).toBe('export');
  });

  it('has no chord bound twice', () => {
    const chords = BINDINGS.map(({ chord }) => `${chord.key.toLowerCase()}|${chord.mod ?? false}|${chord.shift ?? false}`);
    expect(new Set(chords).size).toBe(chords.length);
  });
});
