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
