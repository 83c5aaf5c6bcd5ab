// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { captureOpener, focusIfLost, initialFocus, restoreFocus, trappedTabTarget } from './dialog-focus';

function buttons(n: number): HTMLButtonElement[] {
  return Array.from({ length: n }, (_, i) => Object.assign(document.createElement('button'), { textContent: `b${i}` }));
}

describe('dialog focus', () => {
  it('wraps Tab from the last control to the first, Shift+Tab from the first to the last, and leaves the rest to the browser', () => {
    const [a, b, c] = buttons(3) as [HTMLButtonElement, HTMLButtonElement, HTMLButtonElement];
    expect(trappedTabTarget([a, b, c], c, false)).toBe(a);
    expect(trappedTabTarget([a, b, c], a, true)).toBe(c);
    expect(trappedTabTarget([a, b, c], b, false)).toBeUndefined();
    expect(trappedTabTarget([a, b, c], b, true)).toBeUndefined();
    // Focus that escaped (to the body, or behind the dialog) comes back in at the near end.
    expect(trappedTabTarget([a, b, c], document.body, false)).toBe(a);
    expect(trappedTabTarget([a, b, c], document.body, true)).toBe(c);
    expect(trappedTabTarget([], a, false)).toBeUndefined();
  });

  it('opens on the marked field, else the first text field or select, never on a radio or the ✕', () => {
    const root = document.createElement('div');
    root.innerHTML = '<button class="close">✕</button><input type="radio" id="r"><input type="number" id="n"><input id="v" data-autofocus>';
    expect(initialFocus(root)?.id).toBe('v');
    root.querySelector('#v')?.removeAttribute('data-autofocus');
    expect(initialFocus(root)?.id).toBe('n');
    root.innerHTML = '<button class="close">✕</button><p>Sure?</p><button id="cancel">Cancel</button>';
    expect(initialFocus(root)?.id).toBe('cancel');
  });

  it('hands focus back to the opener while it is on the page and enabled', () => {
    const [opener, other] = buttons(2) as [HTMLButtonElement, HTMLButtonElement];
    document.body.append(opener, other);
    opener.focus();
    const captured = captureOpener();
    other.focus();
    restoreFocus(captured);
    expect(document.activeElement).toBe(opener);
    other.focus();
    opener.disabled = true;
    restoreFocus(captured);
    expect(document.activeElement).toBe(other);
    document.body.replaceChildren();
  });

  it('when the opener went with the dialog\'s work, focuses the first control of the list it was in', () => {
    const list = document.createElement('div');
    list.innerHTML = '<input id="first" type="range"><div class="row"><button id="remove">✕</button></div>';
    document.body.append(list);
    document.getElementById('remove')?.focus();
    const captured = captureOpener();
    list.querySelector('.row')?.remove();
    restoreFocus(captured);
    // jsdom lays nothing out, so focusables() finds no shown control there: nothing is focused rather than a hidden one.
    expect(captured.ancestors[0]?.className).toBe('row');
    expect(captured.ancestors[1]).toBe(list);
    document.body.replaceChildren();
  });

  it('moves focus that fell to the page, and leaves focus the user put elsewhere', () => {
    const [target, other] = buttons(2) as [HTMLButtonElement, HTMLButtonElement];
    document.body.append(target, other);
    (document.activeElement as HTMLElement | null)?.blur();
    focusIfLost(target);
    expect(document.activeElement).toBe(target);
    other.focus();
    focusIfLost(target);
    expect(document.activeElement).toBe(other);
    other.disabled = true; // Disabled under the focus, which Chromium moves off only a frame later.
    focusIfLost(target);
    expect(document.activeElement).toBe(target);
    document.body.replaceChildren();
  });
});
