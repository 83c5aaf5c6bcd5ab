import { describe, expect, it } from 'vitest';
import { matchShortcut, shortcutLabel, type KeyLike } from './shortcuts';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key: k, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
});

describe('matchShortcut', () => {
  it('maps the documented chords', () => {
    expect(matchShortcut(key('z', { ctrlKey: true }))).toBe('undo');
    expect(matchShortcut(key('z', { metaKey: true }))).toBe('undo');
    expect(matchShortcut(key('Z', { ctrlKey: true, shiftKey: true }))).toBe('redo');
    expect(matchShortcut(key('y', { ctrlKey: true }))).toBe('redo');
    expect(matchShortcut(key('o', { ctrlKey: true }))).toBe('open');
    expect(matchShortcut(key('E', { ctrlKey: true, shiftKey: true }))).toBe('export');
    expect(matchShortcut(key('e', { ctrlKey: true }))).toBe('export');
    expect(matchShortcut(key('Escape'))).toBe('escape');
  });

  it('matches zoom digits by code so other layouts work', () => {
    expect(matchShortcut(key('à', { ctrlKey: true, code: 'Digit0' }))).toBe('zoomFit');
    expect(matchShortcut(key('1', { ctrlKey: true, code: 'Numpad1' }))).toBe('zoom100');
  });

  it('maps the mask tools like a photo editor', () => {
    expect(matchShortcut(key('b'))).toBe('maskBrush');
    expect(matchShortcut(key('e'))).toBe('maskEraser');
    expect(matchShortcut(key('M', { shiftKey: false }))).toBe('maskRect');
    expect(matchShortcut(key('l'))).toBe('maskLasso');
    expect(matchShortcut(key('x'))).toBe('maskSwap');
    expect(matchShortcut(key('i', { ctrlKey: true }))).toBe('maskInvert');
    expect(matchShortcut(key('[', { code: 'BracketLeft' }))).toBe('brushSmaller');
    expect(matchShortcut(key('ü', { code: 'BracketRight' }))).toBe('brushBigger');
  });

  it('toggles before/after with backslash on any layout', () => {
    expect(matchShortcut(key('\\'))).toBe('beforeAfter');
    expect(matchShortcut(key('#', { code: 'Backslash' }))).toBe('beforeAfter');
  });

  it('ignores plain letters and Alt chords', () => {
    expect(matchShortcut(key('z'))).toBeNull();
    expect(matchShortcut(key('z', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('labels export with the documented Ctrl+E, not its Shift alternative', () => {
    expect(['Ctrl+E', '⌘E']).toContain(shortcutLabel('export'));
  });
});
