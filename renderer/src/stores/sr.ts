import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import type { ImageInfo, SrModel, SrRegion, SrScaleFactor } from '../../../preload/contract';

/** A result waiting to be compared and applied: the engine image and the photo rectangle it came from. */
export interface SrResult {
  image: ImageInfo;
  at: SrRegion;
  kind: 'preview' | 'full';
  /** e.g. GAN-prior's consistencyRmse. */
  metrics?: Record<string, number>;
  /** The document image it was made from (a result for another image is stale). */
  sourceId: string;
}

export type SrBatchItemState = 'waiting' | 'running' | 'done' | 'failed';

export interface SrBatchItem {
  name: string;
  state: SrBatchItemState;
  jobId?: string;
  output?: string;
  error?: string;
}

/** Super-resolution panel state: settings, the selected rectangle, the pending result and the batch list. */
export const useSrStore = defineStore('sr', () => {
  /** 'esrgan' for any photo; 'gan-prior' for images in a GAN family's domain (PULSE-style). */
  const method = ref<'esrgan' | 'gan-prior'>('esrgan');
  const family = ref('');
  const model = ref<SrModel>('esrgan-slim');
  const scale = ref<SrScaleFactor>(2);
  const region = ref<SrRegion | null>(null);
  const selecting = ref(false);
  const split = ref(0.5);
  const result = shallowRef<SrResult | null>(null);
  const runningJobId = ref<string | null>(null);
  const batchItems = shallowRef<SrBatchItem[]>([]);
  const batchFolder = ref<string | null>(null);

  function updateItem(index: number, change: Partial<SrBatchItem>): void {
    batchItems.value = batchItems.value.map((item, i) => (i === index ? { ...item, ...change } : item));
  }

  return { method, family, model, scale, region, selecting, split, result, runningJobId, batchItems, batchFolder, updateItem };
});
