import type { ResizeJobSpec } from '../../../preload/contract';

/** Limits mirror the contract's zod schema, so the dialog never sends what main would reject. */
export const MIN_SCALE_PCT = 1;
export const MAX_SCALE_PCT = 1600;
export const MAX_SIDE = 65535;
/** The engine's pixel guard for a result (main/engine/io/formats.ts DEFAULT_MAX_PIXELS). */
export const MAX_PIXELS = 200_000_000;

export interface ResizeForm {
  mode: 'scale' | 'size';
  scalePct: number;
  width: number;
  height: number;
}

export type ResizeRequest = Omit<ResizeJobSpec, 'op' | 'imageId'>;

/** Height that keeps the aspect ratio for a new width (and vice versa, with arguments swapped). */
export function linked(value: number, from: number, to: number): number {
  return Math.max(1, Math.round((value * to) / Math.max(1, from)));
}

/** The output size the form will produce, for the preview line. */
export function targetSize(form: ResizeForm, width: number, height: number): { width: number; height: number } {
  if (form.mode === 'size') return { width: Math.round(form.width), height: Math.round(form.height) };
  const s = form.scalePct / 100;
  return { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
}

/** The job arguments, or null when the form is out of range. */
export function toRequest(form: ResizeForm): ResizeRequest | null {
  if (form.mode === 'scale') {
    const ok = Number.isFinite(form.scalePct) && form.scalePct >= MIN_SCALE_PCT && form.scalePct <= MAX_SCALE_PCT;
    return ok ? { scale: form.scalePct / 100 } : null;
  }
  const side = (v: number): boolean => Number.isInteger(v) && v >= 1 && v <= MAX_SIDE;
  return side(form.width) && side(form.height) ? { width: form.width, height: form.height } : null;
}

/** Why the engine would refuse a result of this size (an i18n key under `resize.`), or null. */
export function sizeProblem(size: { width: number; height: number }): 'tooWide' | 'tooLarge' | null {
  if (size.width > MAX_SIDE || size.height > MAX_SIDE) return 'tooWide';
  return size.width * size.height > MAX_PIXELS ? 'tooLarge' : null;
}
