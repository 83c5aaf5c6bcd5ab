// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi, type Mock } from 'vitest';
import { BINDINGS, installShortcuts, type ShortcutAction } from '../shortcuts';
import { closeModal, isModalOpen, isTopModal, openModal } from './modal-stack';

const ACTIONS = [...new Set(BINDINGS.map((b) => b.action))];

function spies(): Record<ShortcutAction, Mock<() => void>> {
  return Object.fromEntries(ACTIONS.map((a) => [a, vi.fn()])) as Record<ShortcutAction, Mock<() => void>>;
}

function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const e = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
  window.dispatchEvent(e);
  return e;
}

const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

describe('modal stack', () => {
  it('knows the innermost dialog and empties in any order', () => {
    const outer = openModal();
    const inner = openModal();
    expect(isModalOpen()).toBe(true);
    expect(isTopModal(inner)).toBe(true);
    expect(isTopModal(outer)).toBe(false);
    closeModal(outer);
    expect(isTopModal(inner)).toBe(true);
    closeModal(inner);
    closeModal(inner); // twice is harmless
    expect(isModalOpen()).toBe(false);
    expect(isTopModal(inner)).toBe(false);
  });
});

describe('shortcuts behind a modal dialog', () => {
  it('run while no dialog is open', () => {
    const handlers = spies();
    cleanups.push(installShortcuts(handlers));
    press('b');
    press('e', { ctrlKey: true });
    expect(handlers.maskBrush).toHaveBeenCalledOnce();
    expect(handlers.export).toHaveBeenCalledOnce();
  });

  it('do nothing while one is open: B, Esc and Ctrl+E are the dialog’s, and Ctrl+E stays away from the browser', () => {
    const handlers = spies();
    cleanups.push(installShortcuts(handlers));
    const token = openModal();
    cleanups.push(() => closeModal(token));
    expect(press('b').defaultPrevented).toBe(false);
    press('Escape');
    const exportKey = press('e', { ctrlKey: true });
    const undoKey = press('z', { ctrlKey: true });
    for (const action of ACTIONS) expect(handlers[action]).not.toHaveBeenCalled();
    expect(exportKey.defaultPrevented).toBe(true);
    expect(undoKey.defaultPrevented).toBe(false); // a field's own undo
  });
});

describe('shortcuts on focused controls', () => {
  function focusedIn(tag: 'input' | 'select' | 'textarea', type?: string): HTMLElement {
    const element = document.createElement(tag);
    if (type && element instanceof HTMLInputElement) element.type = type;
    document.body.append(element);
    cleanups.push(() => element.remove());
    return element;
  }

  function pressOn(target: HTMLElement, key: string, init: KeyboardEventInit = {}): void {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true, ...init }));
  }

  it('undo from a slider, checkbox or select, which have no undo of their own; text fields keep theirs', () => {
    const handlers = spies();
    cleanups.push(installShortcuts(handlers));
    for (const control of [focusedIn('input', 'range'), focusedIn('input', 'checkbox'), focusedIn('select')]) pressOn(control, 'z', { ctrlKey: true });
    expect(handlers.undo).toHaveBeenCalledTimes(3);
    for (const field of [focusedIn('input', 'text'), focusedIn('input', 'number'), focusedIn('textarea')]) pressOn(field, 'z', { ctrlKey: true });
    expect(handlers.undo).toHaveBeenCalledTimes(3);
  });

  it('leaves letters to text fields and selects, not to sliders', () => {
    const handlers = spies();
    cleanups.push(installShortcuts(handlers));
    pressOn(focusedIn('input', 'text'), 'b');
    pressOn(focusedIn('select'), 'b');
    expect(handlers.maskBrush).not.toHaveBeenCalled();
    pressOn(focusedIn('input', 'range'), 'b');
    expect(handlers.maskBrush).toHaveBeenCalledOnce();
  });
});
