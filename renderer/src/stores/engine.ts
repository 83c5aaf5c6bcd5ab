import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { EngineInfo, LatentshopErrorData } from '../../../preload/contract';
import { getApi } from '../ipc/api';
import { toErrorData } from '../ipc/errors';

/** What the engine reports about itself: backend, versions, models, and how the UI is served. */
export const useEngineStore = defineStore('engine', () => {
  const info = shallowRef<EngineInfo | null>(null);
  const error = shallowRef<LatentshopErrorData | null>(null);

  const mode = computed(() => info.value?.mode ?? (window.latentshop ? 'electron' : 'browser'));
  const backend = computed(() => info.value?.backend ?? null);

  async function load(): Promise<void> {
    try {
      info.value = await getApi().info({});
      error.value = null;
    } catch (e) {
      error.value = toErrorData(e);
    }
  }

  return { info, error, mode, backend, load };
});
