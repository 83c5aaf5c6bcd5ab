/**
 * The names the engine's batch pairing treats as masks (main/batch/pairing.ts): `*.mask.png`,
 * or `.mask.` with another image extension. Only these may be the one mask for every image:
 * offering a photo there ("Use p0.jpg for every image") would inpaint with a photo as the mask.
 */
const MASK_NAME = /\.mask\.(png|jpe?g|webp|tiff?)$/i;

export function isMaskName(name: string): boolean {
  return MASK_NAME.test(name);
}

/** The staged files the "one mask for every image" choice offers, in staging order. */
export function sharedMaskCandidates(names: readonly string[]): string[] {
  return names.filter(isMaskName);
}
