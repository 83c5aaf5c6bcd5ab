import { isModalOpen } from './components/modal-stack';

/** Every keyboard shortcut in one table, so the bindings and their tooltip labels agree. */
export type ShortcutAction =
  | 'undo' | 'redo' | 'open' | 'export' | 'zoomFit' | 'zoom100' | 'escape'
  | 'maskBrush' | 'maskEraser' | 'maskRect' | 'maskLasso' | 'maskSwap' | 'maskInvert' | 'brushSmaller' | 'brushBigger'
  | 'paintBrush' | 'paintSketch' | 'paintEraser' | 'eyedropper' | 'beforeAfter';

export type ShortcutHandlers = Record<ShortcutAction, () => void>;

export interface KeyChord {
  key: string;
  mod?: boolean;
  shift?: boolean;
  /** Alternative KeyboardEvent.code values, for digits whose `key` changes with layout. */
  codes?: string[];
}

export const BINDINGS: ReadonlyArray<{ chord: KeyChord; action: ShortcutAction }> = [
  { chord: { key: 'z', mod: true }, action: 'undo' },
  { chord: { key: 'z', mod: true, shift: true }, action: 'redo' },
  { chord: { key: 'y', mod: true }, action: 'redo' },
  { chord: { key: 'o', mod: true }, action: 'open' },
  // Ctrl+E first: tooltips show an action's first binding, and Ctrl+E is the documented one.
  { chord: { key: 'e', mod: true }, action: 'export' },
  { chord: { key: 'e', mod: true, shift: true }, action: 'export' },
  { chord: { key: '0', mod: true, codes: ['Digit0', 'Numpad0'] }, action: 'zoomFit' },
  { chord: { key: '1', mod: true, codes: ['Digit1', 'Numpad1'] }, action: 'zoom100' },
  { chord: { key: 'Escape' }, action: 'escape' },
  // Mask tools, as in photo editors: single keys, ignored while typing in a field.
  { chord: { key: 'b' }, action: 'maskBrush' },
  { chord: { key: 'e' }, action: 'maskEraser' },
  { chord: { key: 'm' }, action: 'maskRect' },
  { chord: { key: 'l' }, action: 'maskLasso' },
  { chord: { key: 'x' }, action: 'maskSwap' },
  { chord: { key: 'i', mod: true }, action: 'maskInvert' },
  { chord: { key: '[', codes: ['BracketLeft'] }, action: 'brushSmaller' },
  { chord: { key: ']', codes: ['BracketRight'] }, action: 'brushBigger' },
  // Paint (constrained editing) tools: P, K, Shift+E and I, clear of the mask keys above (E alone is the mask eraser).
  { chord: { key: 'p' }, action: 'paintBrush' },
  { chord: { key: 'k' }, action: 'paintSketch' },
  { chord: { key: 'e', shift: true }, action: 'paintEraser' },
  { chord: { key: 'i' }, action: 'eyedropper' },
  // Lightroom's before/after key: the latent edit's region shows the original while toggled.
  { chord: { key: '\\', codes: ['Backslash'] }, action: 'beforeAfter' },
];

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Finds the action for a key event; Ctrl and Cmd are the same modifier. */
export function matchShortcut(e: KeyLike): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  if (e.altKey) return null;
  for (const { chord, action } of BINDINGS) {
    const keyHit = e.key.toLowerCase() === chord.key.toLowerCase() || (chord.codes?.includes(e.code) ?? false);
    if (keyHit && mod === (chord.mod ?? false) && e.shiftKey === (chord.shift ?? false)) return action;
  }
  return null;
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac/i.test(navigator.platform);

/** A display label for an action's first binding, e.g. "Ctrl+Z" or "⌘Z". */
export function shortcutLabel(action: ShortcutAction): string {
  const chord = BINDINGS.find((b) => b.action === action)?.chord;
  if (!chord) return '';
  const key = chord.key.length === 1 ? chord.key.toUpperCase() : chord.key;
  if (IS_MAC) return `${chord.shift ? '⇧' : ''}${chord.mod ? '⌘' : ''}${key}`;
  return [chord.mod ? 'Ctrl' : '', chord.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** Sliders, checkboxes and buttons are not typing: B or [ must still work after using one. */
const NON_TEXT_INPUTS = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'color', 'file']);

/** Fields where typing edits text: they keep their own Ctrl+Z, and letters there are typing. */
function editsText(target: EventTarget | null): boolean {
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLElement && (target.isContentEditable || target.tagName === 'TEXTAREA');
}

/** Installs the window key handler; returns its removal. Text fields keep their own undo. */
export function installShortcuts(handlers: ShortcutHandlers): () => void {
  const onKey = (e: KeyboardEvent): void => {
    const action = matchShortcut(e);
    if (!action) return;
    // An open dialog owns the keyboard: it handles Esc itself, and nothing may change behind it.
    // Our chords still stay away from the browser (Ctrl+O would open its own file picker); fields keep their undo.
    if (isModalOpen()) {
      if ((e.ctrlKey || e.metaKey) && action !== 'undo' && action !== 'redo') e.preventDefault();
      return;
    }
    // Text fields keep their own undo, and plain keys there are typing, not tools.
    const plainKey = !(e.ctrlKey || e.metaKey) && action !== 'escape';
    // A slider, checkbox or select has no undo of its own: Ctrl+Z there undoes the edit. A select
    // does take letters (it jumps to an option), so plain keys stay with it.
    if ((action === 'undo' || action === 'redo') && editsText(e.target)) return;
    if (plainKey && (editsText(e.target) || e.target instanceof HTMLSelectElement)) return;
    e.preventDefault();
    handlers[action]();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
