import type { ExportOptions, ImageFormat, ImageInfo } from '../../../preload/contract';

export const FORMATS: readonly ImageFormat[] = ['png', 'jpeg', 'webp', 'tiff'];
export const DEFAULT_QUALITY = 92;

const EXTENSION: Record<ImageFormat, string> = { png: 'png', jpeg: 'jpg', webp: 'webp', tiff: 'tif' };

export interface ExportForm {
  format: ImageFormat;
  quality: number;
  bitDepth: 8 | 16;
  keepMetadata: boolean;
  /** WebP only: JPEG cannot be lossless, PNG and TIFF always are. */
  lossless: boolean;
  name: string;
}

/** Quality only means something for the lossy encoders. */
export function isLossy(format: ImageFormat): boolean {
  return format === 'jpeg' || format === 'webp';
}

/** WebP is the one format that can be either. */
export function canBeLossless(format: ImageFormat): boolean {
  return format === 'webp';
}

/** Whether the quality slider applies: a lossy format, not asked to be lossless. */
export function usesQuality(form: ExportForm): boolean {
  return isLossy(form.format) && !(canBeLossless(form.format) && form.lossless);
}

/** 16-bit output exists only in PNG and TIFF (the contract rejects it elsewhere). */
export function allowedDepths(format: ImageFormat): Array<8 | 16> {
  return format === 'png' || format === 'tiff' ? [8, 16] : [8];
}

/** The source name with the new format's extension, e.g. "shoe.jpg" → "shoe.png". */
export function defaultName(source: string, format: ImageFormat): string {
  const base = source.replace(/\.[^.]+$/, '') || 'image';
  return `${base}.${EXTENSION[format]}`;
}

/**
 * A form starting from the image: same format where we can write it, same bit depth, and a
 * lossless WebP stays lossless (re-encoding it lossily would lose what the photographer kept).
 */
export function initialForm(image: ImageInfo): ExportForm {
  const format = image.format ?? 'png';
  const depth = allowedDepths(format).includes(image.bitDepth) ? image.bitDepth : 8;
  return { format, quality: DEFAULT_QUALITY, bitDepth: depth, keepMetadata: true, lossless: image.lossless === true, name: defaultName(image.name, format) };
}

/** Fixes fields a format change made invalid (16-bit JPEG, the old extension). */
export function withFormat(form: ExportForm, format: ImageFormat): ExportForm {
  const bitDepth = allowedDepths(format).includes(form.bitDepth) ? form.bitDepth : 8;
  return { ...form, format, bitDepth, name: defaultName(form.name, format) };
}

export function toOptions(form: ExportForm): ExportOptions {
  const options: ExportOptions = { format: form.format, bitDepth: form.bitDepth, keepMetadata: form.keepMetadata };
  if (usesQuality(form)) options.quality = Math.min(100, Math.max(1, Math.round(form.quality)));
  else if (canBeLossless(form.format)) options.lossless = true;
  return options;
}

/** Why the contract would refuse a file name, for the dialog to say so beside a disabled Export. */
export type NameProblem = 'empty' | 'separator' | 'dots' | 'tooLong' | 'hidden' | 'windows';

/** Tabs, line breaks and direction overrides (U+202E shows "new‮gnp.jpg" as "newgpj.png"): invisible, or lying about the name. */
const HIDDEN = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;
/** What Windows refuses, for a file that will be copied, synced or opened there: its reserved characters and device names, or an ending dot or space. */
const NOT_ON_WINDOWS = /[<>:"|?*]|^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\.[^.]*)?$|[. ]$/i;

/** In UTF-8 bytes, as file systems count: 255 ASCII characters, or 85 Chinese ones. */
export const MAX_NAME_LENGTH = 255;

export function nameProblem(name: string): NameProblem | null {
  const trimmed = name.trim();
  if (!trimmed) return 'empty';
  if (/[\\/]/.test(trimmed)) return 'separator';
  // "." and ".." are the folder itself and its parent: writing there fails after the user pressed Export.
  if (trimmed === '.' || trimmed === '..') return 'dots';
  if (HIDDEN.test(trimmed)) return 'hidden';
  if (NOT_ON_WINDOWS.test(trimmed)) return 'windows';
  return new TextEncoder().encode(trimmed).length > MAX_NAME_LENGTH ? 'tooLong' : null;
}

/**
 * A problem that only warns: the name is valid here, and a photographer on Linux or a Mac may
 * mean it (a time "12:30" in a name); the dialog says that Windows would refuse it.
 */
export function onlyWarns(problem: NameProblem | null): boolean {
  return problem === 'windows';
}

/** A file name the contract accepts (no path separators), or null. */
export function cleanName(name: string): string | null {
  const problem = nameProblem(name);
  return problem === null || onlyWarns(problem) ? name.trim() : null;
}
