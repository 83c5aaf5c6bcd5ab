import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  /** Already-translated text. */
  message: string;
}

const DEFAULT_MS: Record<ToastKind, number> = { info: 5000, success: 6000, error: 9000 };

/** Short notices in the corner. Errors stay longer because they usually need reading. */
export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
  }

  function show(message: string, kind: ToastKind = 'info', ms = DEFAULT_MS[kind]): number {
    const id = nextId++;
    toasts.value = [...toasts.value, { id, kind, message }];
    if (ms > 0) setTimeout(() => dismiss(id), ms);
    return id;
  }

  return { toasts, show, dismiss };
});
