import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { EngineInfo, LatentshopErrorData } from '../../../preload/contract';
import { getApi, onConnectionChange } from '../ipc/api';
import { toErrorData } from '../ipc/errors';

/** What the engine reports about itself: backend, versions, models, and how the UI is served. */
export const useEngineStore = defineStore('engine', () => {
  const info = shallowRef<EngineInfo | null>(null);
  const error = shallowRef<LatentshopErrorData | null>(null);

  /** Browser mode: whether the page reaches the app now (requests wait, then fail, while not). */
  const connected = ref(true);

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

  onConnectionChange((value) => {
    const back = value && !connected.value;
    connected.value = value;
    if (back) void load(); // The app may have restarted with another backend or models.
  });

  return { info, error, connected, mode, backend, load };
});
