import { computed, ref, type Ref } from 'vue';
import type { InversionMethod } from '../../../preload/contract';
import { latentFamilies, pickLatentFamily, usableMethod } from '../latent/families';
import { useEngineStore } from './engine';

/**
 * Which GAN family the latent tools use, for the latent store: the engine's families, the
 * user's pick, and what that family allows (methods needing an encoder, grey strokes).
 * `method` is the store's; choosing a family may have to change it.
 */
export function useLatentFamily(method: Ref<InversionMethod>) {
  const engine = useEngineStore();
  const families = computed(() => latentFamilies(engine.info?.models ?? []));
  /** What the user picked in the Edit panel (null: the default, see pickLatentFamily). */
  const chosenFamily = ref<string | null>(null);
  const familyInfo = computed(() => pickLatentFamily(families.value, chosenFamily.value));
  /** The family the latent tools use. */
  const family = computed(() => familyInfo.value?.id ?? null);
  /** Whether `m` runs with this family as asked (encoder and hybrid need E; see usableMethod). */
  const methodUsable = (m: InversionMethod): boolean => usableMethod(m, familyInfo.value) === m;
  /** A grey family reads a colour stroke as its brightness (the Paint panel says so). */
  const greyFamily = computed(() => familyInfo.value?.channels === 1);

  /** Picks the family the latent tools use; E-based methods need an encoder, so without one the method becomes optimize. */
  function chooseFamily(id: string): void {
    chosenFamily.value = id;
    method.value = usableMethod(method.value, familyInfo.value);
  }

  return { families, familyInfo, family, methodUsable, greyFamily, chooseFamily };
}
