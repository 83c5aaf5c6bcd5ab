import { defineStore } from 'pinia';
import { ref } from 'vue';

export type DialogName = 'resize' | 'export';

/** Window-level UI state that several components share. */
export const useUiStore = defineStore('ui', () => {
  const dialog = ref<DialogName | null>(null);
  /** Current canvas zoom (1 = 100 %), mirrored from the CanvasView for the status bar; null while a new photo loads. */
  const zoom = ref<number | null>(1);
  const dropActive = ref(false);
  const activePanel = ref('adjust');
  const busyOpening = ref(false);
  /** The name being written by Export, while it runs (a 24 MP photo takes 4–13 s): the status bar says so. */
  const exporting = ref<string | null>(null);

  function openDialog(name: DialogName): void {
    dialog.value = name;
  }

  function closeDialog(): void {
    dialog.value = null;
  }

  return { dialog, zoom, dropActive, activePanel, busyOpening, exporting, openDialog, closeDialog };
});
