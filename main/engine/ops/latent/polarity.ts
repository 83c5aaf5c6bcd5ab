/**
 * The 'inverted' polarity (a product on white entering a light-on-black family, see
 * domain.ts choosePolarity) flips **luminance and keeps colour**: on 0–1 units of one pixel,
 * u' = u + 1 − 2·L(u) per channel, L the Rec. 709 luminance. On grey that is the plain 1 − u;
 * on colour, 1 − u would swap every hue for its complement (a red shoe would enter cyan, and
 * "→ Red" would make the photo cyan). The map is its own inverse, so the way in and the way
 * out are the same.
 */
export const LUMA: readonly [number, number, number] = [0.2126, 0.7152, 0.0722];

function luminance(units: ArrayLike<number>, at: number, channels: number): number {
  if (channels === 1) return units[at] ?? 0;
  return LUMA[0] * (units[at] ?? 0) + LUMA[1] * (units[at + 1] ?? 0) + LUMA[2] * (units[at + 2] ?? 0);
}

/** One pixel's 0–1 units at `at`, in place, clamped to 0–1 (a saturated colour can leave the cube). */
export function flipPixel(units: Float32Array | Float64Array | number[], at: number, channels: number): void {
  if (channels === 1) {
    // The same map, written as grey always was (bit for bit what earlier versions computed).
    units[at] = Math.min(1, Math.max(0, 1 - (units[at] ?? 0)));
    return;
  }
  const shift = 1 - 2 * luminance(units, at, channels);
  for (let c = 0; c < channels; c += 1) units[at + c] = Math.min(1, Math.max(0, (units[at + c] ?? 0) + shift));
}

/** The map's linear part, for a difference of two pixels at `at`, in place: d − 2·L(d) per channel (grey: −d). */
export function flipDifference(delta: Float32Array, at: number, channels: number): void {
  if (channels === 1) {
    delta[at] = -delta[at]!;
    return;
  }
  const shift = -2 * luminance(delta, at, channels);
  for (let c = 0; c < channels; c += 1) delta[at + c] = delta[at + c]! + shift;
}
