/** Attribute slider rules: the contract's α range, one decimal, and zeros left out of the request. */
export const ALPHA_MIN = -3;
export const ALPHA_MAX = 3;
export const ALPHA_STEP = 0.1;

/** Clamps to [-3, 3] and snaps to the 0.1 step (so 0.30000000000000004 never reaches the engine). */
export function clampAlpha(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const snapped = Math.round(Math.min(ALPHA_MAX, Math.max(ALPHA_MIN, value)) / ALPHA_STEP) / 10;
  return snapped === 0 ? 0 : snapped; // No -0 in JSON comparisons.
}

/** The `attributes` map for previewEdit/applyEdit: every non-zero slider, several at once. */
export function attributesFromSliders(values: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, value] of Object.entries(values)) {
    const alpha = clampAlpha(value);
    if (alpha !== 0) out[name] = alpha;
  }
  return out;
}

/** True when no slider moves the code: the edit equals the reconstruction. */
export function isNeutral(values: Readonly<Record<string, number>>): boolean {
  return Object.keys(attributesFromSliders(values)).length === 0;
}
