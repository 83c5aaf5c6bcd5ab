import { basename, dirname, extname } from 'node:path';
import { LatentshopError, type LatentshopErrorData } from '../../preload/contract/errors';
import { formatFromPath } from '../engine/io/formats';

/** A file offered to a batch: its display name and where it is on disk. */
export interface BatchSource {
  name: string;
  path: string;
  /** Files pair by name within a group: their folder by default; all uploads of a batch share one. */
  group?: string;
  /** How the report names it when `path` is a staged copy: the path as the user dropped it. */
  shownAs?: string;
}

/** One image of a batch with its mask, or the reason it has none. */
export interface PairedItem {
  name: string;
  input: string;
  mask?: string;
  /** Set when the image cannot run (e.g. no mask); the item is reported as failed. */
  error?: LatentshopErrorData;
  /** The report's names for a staged input and mask (see BatchSource.shownAs). */
  shownInput?: string;
  shownMask?: string;
}

export interface PairingOptions {
  /** A mask for every image (its name among the sources, or a path), instead of pairing by name. */
  sharedMask?: string;
  /** Mask of `photo.jpg` is `photo` + suffix. Default `.mask.png`; then any `.mask.<image ext>` counts too. */
  maskSuffix?: string;
}

export const DEFAULT_MASK_SUFFIX = '.mask.png';
const ANY_MASK = /\.mask\.(png|jpe?g|webp|tiff?)$/i;
/** Pictures Latentshop cannot read: listed as failed, with the reason, rather than left out unseen. */
const OTHER_PICTURE = /\.(gif|bmp|heic|heif|avif|jxl|psd|dng|cr2|cr3|nef|arw|raf|orf|rw2)$/i;
/** Our own outputs: dropping a folder twice must not inpaint the results again. */
const OUTPUT = /\.inpainted(-\d+)?\.[^.]+$/i;

/**
 * Pairs images with masks by name, per folder: `photo.jpg` goes with `photo.mask.png`
 * beside it. Files that are not images, masks themselves and earlier outputs are not
 * items. An image without a mask is still listed, with an error for the report; so is one
 * whose mask cannot be told apart (two masks for its name, or two images of that very name
 * in one group), rather than filled with a mask picked at random.
 */
export function pairSources(sources: readonly BatchSource[], opts: PairingOptions = {}): PairedItem[] {
  const suffix = opts.maskSuffix ?? DEFAULT_MASK_SUFFIX;
  const isMask = (name: string): boolean => isMaskName(name, suffix);
  const shared = opts.sharedMask === undefined ? undefined : (sources.find((s) => s.name === opts.sharedMask)?.path ?? opts.sharedMask);
  /** By image key, its mask's path; null when two masks claim the same image. */
  const masks = new Map<string, string | null>();
  for (const s of sources) {
    if (!isMask(s.name)) continue;
    const k = key(s, maskStem(s.name, suffix));
    masks.set(k, masks.has(k) ? null : s.path);
  }
  const sameName = new Map<string, number>();
  for (const s of sources) {
    const k = key(s, s.name);
    sameName.set(k, (sameName.get(k) ?? 0) + 1);
  }
  const shownAs = new Map(sources.filter((s) => s.shownAs !== undefined).map((s) => [s.path, s.shownAs]));
  const items: PairedItem[] = [];
  const push = (item: PairedItem): void => {
    const shownInput = shownAs.get(item.input);
    const shownMask = item.mask === undefined ? undefined : shownAs.get(item.mask);
    items.push({ ...item, ...(shownInput !== undefined && { shownInput }), ...(shownMask !== undefined && { shownMask }) });
  };
  for (const s of sources) {
    if (OTHER_PICTURE.test(s.name) && !isMask(s.name)) {
      push({ name: s.name, input: s.path, error: LatentshopError.of('wrongFormat', { name: s.name, format: extname(s.name).slice(1).toUpperCase() }).toData() });
      continue;
    }
    if (isMask(s.name) || OUTPUT.test(s.name) || !formatFromPath(s.name) || s.path === shared) continue;
    const stem = s.name.slice(0, s.name.length - extname(s.name).length);
    const mask = shared ?? masks.get(key(s, stem));
    const ambiguous = shared === undefined && (mask === null || (sameName.get(key(s, s.name)) ?? 0) > 1);
    if (ambiguous) push({ name: s.name, input: s.path, error: LatentshopError.of('sameNameTwice', { name: s.name }).toData() });
    else if (mask) push({ name: s.name, input: s.path, mask });
    else push({ name: s.name, input: s.path, error: LatentshopError.of('noMaskBeside', { name: s.name, mask: `${stem}${suffix}` }).toData() });
  }
  return items;
}

function maskStem(name: string, suffix: string): string {
  if (name.toLowerCase().endsWith(suffix.toLowerCase())) return name.slice(0, name.length - suffix.length);
  return name.replace(ANY_MASK, '');
}

/** Whether a file name is a mask's by the pairing rule: it ends in `suffix`, or (default suffix) in any `.mask.<image ext>`. */
export function isMaskName(name: string, suffix = DEFAULT_MASK_SUFFIX): boolean {
  return name.toLowerCase().endsWith(suffix.toLowerCase()) || (suffix === DEFAULT_MASK_SUFFIX && ANY_MASK.test(name));
}

/** Names pair within one folder (or group) only. */
function key(source: BatchSource, stem: string): string {
  return `${source.group ?? dirname(source.path)}\u0000${stem.toLowerCase()}`;
}

/** `photo.jpg` → `photo.inpainted.jpg`; `n` > 1 adds `-n` so an existing file is never replaced. */
export function outputName(name: string, n = 1): string {
  const ext = extname(name);
  const stem = basename(name, ext);
  return `${stem}.inpainted${n > 1 ? `-${n}` : ''}${ext}`;
}
