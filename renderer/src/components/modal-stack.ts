/**
 * The modal dialogs now open, innermost last. While any is open the window's shortcuts stand
 * down (a B typed behind the Learn dialog used to switch panels and unmount it, input and all),
 * and only the innermost dialog answers Esc.
 */
const stack: symbol[] = [];

/** Registers a dialog that has just opened; keep the token to close it. */
export function openModal(): symbol {
  const token = Symbol('modal');
  stack.push(token);
  return token;
}

export function closeModal(token: symbol): void {
  const at = stack.indexOf(token);
  if (at >= 0) stack.splice(at, 1);
}

export function isModalOpen(): boolean {
  return stack.length > 0;
}

/** Whether `token` is the innermost open dialog, the one a key press is meant for. */
export function isTopModal(token: symbol): boolean {
  return stack.length > 0 && stack[stack.length - 1] === token;
}
