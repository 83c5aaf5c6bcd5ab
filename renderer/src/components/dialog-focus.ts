/**
 * Keyboard focus for modal dialogs (WAI-ARIA's dialog pattern): the dialog takes focus on a
 * field, Tab cycles inside it rather than reaching the window behind (where a button could
 * replace the dialog, input and all), and closing hands focus back to what opened it.
 */
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** What Tab can reach inside `root`, in order: enabled, shown, not taken out of the order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.tabIndex >= 0 && !el.closest('[hidden], [inert]') && el.getClientRects().length > 0,
  );
}

/** The field a dialog opens on: the one marked `data-autofocus`, else its first field, else its first button other than ✕. */
export function initialFocus(root: HTMLElement): HTMLElement | undefined {
  return (
    root.querySelector<HTMLElement>('[data-autofocus]') ??
    root.querySelector<HTMLElement>('input:not([type=radio]):not([type=checkbox]):not([type=file]):not([type=hidden]), select, textarea') ??
    root.querySelector<HTMLElement>('input, button:not(.close)') ??
    undefined
  );
}

/** Where Tab (or Shift+Tab) from `active` goes so that it stays inside the dialog; undefined: let it be. */
export function trappedTabTarget(items: readonly HTMLElement[], active: Element | null, backwards: boolean): HTMLElement | undefined {
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return undefined;
  const at = active instanceof HTMLElement ? items.indexOf(active) : -1;
  if (at < 0) return backwards ? last : first; // Focus had left the dialog: bring it back in.
  if (backwards && at === 0) return last;
  if (!backwards && at === items.length - 1) return first;
  return undefined;
}

/** What opened a dialog, and where it sat: focus goes back there when the dialog closes. */
export interface Opener {
  element: Element | null;
  /** Its ancestors, nearest first, for when the dialog's work removed it (a deleted row's ✕). */
  ancestors: Element[];
}

export function captureOpener(): Opener {
  const element = document.activeElement;
  const ancestors: Element[] = [];
  for (let up = element?.parentElement ?? null; up && up !== document.body; up = up.parentElement) ancestors.push(up);
  return { element, ancestors };
}

/**
 * Gives focus back to what opened the dialog, if it is still on the page and enabled; else to
 * the first control of the nearest of its containers still on the page (the list the removed
 * row was in). Nothing when the dialog was opened with focus on the page itself.
 */
export function restoreFocus(opener: Opener): void {
  const { element } = opener;
  if (!(element instanceof HTMLElement) || element === document.body) return;
  if (element.isConnected && !element.matches(':disabled')) {
    element.focus();
    return;
  }
  const container = opener.ancestors.find((el): el is HTMLElement => el instanceof HTMLElement && el.isConnected);
  if (container) focusables(container)[0]?.focus();
}

/**
 * Focus that fell to the page (its control was disabled or removed under it) goes to `target`;
 * focus that the user has put anywhere else stays where it is. A control disabled under the
 * focus counts as lost too: Chromium moves focus off it only at its next frame.
 */
export function focusIfLost(target: HTMLElement | null | undefined): void {
  const held = document.activeElement;
  if (held === null || held === document.body || (held instanceof HTMLElement && held.matches(':disabled'))) target?.focus();
}
