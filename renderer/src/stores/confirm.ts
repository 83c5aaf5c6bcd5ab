import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

export interface ConfirmRequest {
  title: string;
  message: string;
  /** The button that goes ahead; it says what will happen, not just "OK". */
  confirmLabel: string;
}

/**
 * One question at a time for the ConfirmDialog: `ask` resolves true when the user goes ahead,
 * false on Cancel, Esc or the backdrop. A new question answers a pending one with false.
 */
export const useConfirmStore = defineStore('confirm', () => {
  const request = shallowRef<ConfirmRequest | null>(null);
  let settle: ((ok: boolean) => void) | null = null;

  function ask(question: ConfirmRequest): Promise<boolean> {
    answer(false);
    request.value = question;
    return new Promise<boolean>((resolve) => (settle = resolve));
  }

  function answer(ok: boolean): void {
    const pending = settle;
    settle = null;
    request.value = null;
    pending?.(ok);
  }

  return { request, ask, answer };
});
