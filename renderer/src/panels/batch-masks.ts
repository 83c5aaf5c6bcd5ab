/**
 * The names the engine's batch pairing treats as masks (main/batch/pairing.ts): `*.mask.png`,
 * or `.mask.` with another image extension. Only these may be the one mask for every image:
 * offering a photo there ("Use p0.jpg for every image") would inpaint with a photo as the mask.
 */
const MASK_NAME = /\.mask\.(png|jpe?g|webp|tiff?)$/i;
const IMAGE_NAME = /\.(png|jpe?g|webp|tiff?)$/i;
/** Earlier results, which the pairing skips too. */
const OUTPUT_NAME = /\.inpainted(-\d+)?\.[^.]+$/i;

export function isMaskName(name: string): boolean {
  return MASK_NAME.test(name);
}

/** The staged files the "one mask for every image" choice offers, in staging order. */
export function sharedMaskCandidates(names: readonly string[]): string[] {
  return names.filter(isMaskName);
}

/**
 * The staged images that pairing by name will find no mask for, so that the panel can say so
 * before the batch runs (they would be reported as failed). Other files are skipped, as the
 * pairing skips them. Empty with a shared mask, and when an entry has no extension (a folder,
 * in the desktop app): what it holds is not known here.
 */
export function imagesWithoutMask(names: readonly string[], sharedMask: string): string[] {
  if (sharedMask || names.some((n) => !/\.[^./\\]+$/.test(n))) return [];
  const masked = new Set(names.filter(isMaskName).map((n) => n.replace(MASK_NAME, '').toLowerCase()));
  const images = names.filter((n) => IMAGE_NAME.test(n) && !isMaskName(n) && !OUTPUT_NAME.test(n));
  return images.filter((n) => !masked.has(n.replace(IMAGE_NAME, '').toLowerCase()));
}
