import { onBeforeUnmount, onMounted } from 'vue';
import { useActions } from '../actions';
import { useUiStore } from '../stores/ui';
import { isModalOpen } from './modal-stack';

function hasFiles(e: DragEvent): boolean {
  return e.dataTransfer?.types.includes('Files') ?? false;
}

/**
 * Opens files dropped anywhere on the window and drives the drop overlay. A counter tracks
 * enter/leave pairs, because dragleave also fires when moving between child elements.
 */
export function useFileDrop(): void {
  const ui = useUiStore();
  const actions = useActions();
  let depth = 0;

  const onEnter = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    depth += 1;
    ui.dropActive = !isModalOpen();
  };
  const onOver = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    e.preventDefault(); // Required, or the browser navigates to the dropped file.
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = (e: DragEvent): void => {
    if (!hasFiles(e)) return;
    depth = Math.max(0, depth - 1);
    if (depth === 0) ui.dropActive = false;
  };
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    depth = 0;
    ui.dropActive = false;
    // A file that misses a dialog's own drop zone must not replace the photo behind the dialog.
    if (isModalOpen()) return;
    const files = Array.from(e.dataTransfer?.files ?? []);
    void actions.openFiles(files);
  };

  const pairs: Array<[string, (e: DragEvent) => void]> = [
    ['dragenter', onEnter],
    ['dragover', onOver],
    ['dragleave', onLeave],
    ['drop', onDrop],
  ];
  onMounted(() => pairs.forEach(([type, fn]) => window.addEventListener(type, fn as EventListener)));
  onBeforeUnmount(() => pairs.forEach(([type, fn]) => window.removeEventListener(type, fn as EventListener)));
}
