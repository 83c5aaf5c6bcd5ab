import { defineStore } from 'pinia';
import { computed, markRaw, shallowRef } from 'vue';
import type { BatchFileRef, BatchStatus, InpaintMethod } from '../../../preload/contract';
import { folderOf } from '../components/dropped-files';
import { getApi } from '../ipc/api';
import { droppedPaths, readBase64 } from '../ipc/files';

/**
 * Batch inpainting: files staged by a drop, then the batches main runs, kept current by
 * batchProgress events. File objects are wrapped in markRaw: they are not UI state.
 */
export const useBatchStore = defineStore('batch', () => {
  const staged = shallowRef<File[]>([]);
  const batches = shallowRef<BatchStatus[]>([]);
  const currentId = shallowRef<string | null>(null);
  const uploading = shallowRef(0);
  const current = computed(() => batches.value.find((b) => b.batchId === currentId.value) ?? null);

  /**
   * A file dropped again is staged once. Another file of the same name (from another folder, or
   * of another size or date) is staged too: main pairs it in its folder, or refuses it with a
   * reason when its folder is unknown, rather than it vanishing here.
   */
  const stagedKey = (f: File): string => `${folderOf(f) ?? ''}/${f.name}:${f.size}:${f.lastModified}`;
  function stage(files: File[]): void {
    const keys = new Set(staged.value.map(stagedKey));
    const fresh = files.filter((f) => !keys.has(stagedKey(f)) && keys.add(stagedKey(f)));
    staged.value = [...staged.value, ...fresh.map((f) => markRaw(f))];
  }

  function clearStaged(): void {
    staged.value = [];
  }

  /** Desktop: the dropped paths (main expands folders). Browser: each file uploaded, then named by its upload id. */
  async function refs(): Promise<BatchFileRef[]> {
    const files = staged.value;
    const paths = await droppedPaths(files);
    if (paths.length > 0 && paths.every((p) => p !== null)) return files.map((f, i) => ({ name: f.name, path: paths[i] as string }));
    const out: BatchFileRef[] = [];
    uploading.value = files.length;
    try {
      for (const file of files) {
        const { uploadId } = await getApi().uploadBatchFile({ name: file.name, dataBase64: await readBase64(file) });
        const folder = folderOf(file);
        out.push(folder === undefined ? { name: file.name, uploadId } : { name: file.name, uploadId, folder });
        uploading.value -= 1;
      }
    } finally {
      uploading.value = 0;
    }
    return out;
  }

  async function start(method: InpaintMethod, sharedMask?: string): Promise<BatchStatus> {
    const files = await refs();
    const status = await getApi().startBatch({ files, method, ...(sharedMask ? { sharedMask } : {}) });
    // batchProgress events may already have overtaken this reply; its snapshot is older then.
    if (!batches.value.some((b) => b.batchId === status.batchId)) handleProgress(status);
    currentId.value = status.batchId;
    staged.value = [];
    return status;
  }

  function handleProgress(status: BatchStatus): void {
    const others = batches.value.filter((b) => b.batchId !== status.batchId);
    batches.value = [status, ...others];
  }

  async function load(): Promise<void> {
    batches.value = await getApi().batchStatus({});
    currentId.value ??= batches.value.find((b) => b.state === 'running' || b.state === 'paused')?.batchId ?? null;
  }

  // The reply is the state right after the change; later events supersede it as they arrive.
  const control = (call: 'pauseBatch' | 'resumeBatch' | 'cancelBatch') => async (): Promise<void> => {
    if (currentId.value) await getApi()[call]({ batchId: currentId.value });
  };

  return {
    staged, batches, current, currentId, uploading, stage, clearStaged, start, handleProgress, load,
    pause: control('pauseBatch'), resume: control('resumeBatch'), cancel: control('cancelBatch'),
  };
});
