import { computed, ref, type Ref } from 'vue';
import type { LatentSessionResult } from '../../../preload/contract';
import { attributesFromSliders, clampAlpha } from '../latent/attributes';

/**
 * The latent store's attribute sliders and before/after divider: the part of a session the
 * user moves. Kept apart from the session lifecycle, which only resets or restores them.
 */
export function useLatentSliders(session: Readonly<Ref<LatentSessionResult | null>>) {
  const values = ref<Record<string, number>>({});
  /** Before/after divider, 0–1 across the region: left of it shows the original. */
  const split = ref(0);
  const attributeMap = computed(() => attributesFromSliders(values.value));

  function setValue(name: string, value: number): void {
    values.value = { ...values.value, [name]: clampAlpha(value) };
  }

  /** Where the divider was before the before/after key sent it to the far right. */
  let splitBeforeToggle = 0;

  /** The before/after key: the whole region shows the original, then the divider goes back. */
  function toggleBeforeAfter(): void {
    if (!session.value) return;
    if (split.value < 1) {
      splitBeforeToggle = split.value;
      split.value = 1;
    } else split.value = splitBeforeToggle;
  }

  function resetValues(): void {
    values.value = {};
    split.value = 0;
  }

  return { values, split, attributeMap, setValue, toggleBeforeAfter, resetValues };
}
