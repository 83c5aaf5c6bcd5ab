import { type AlphaDelta, type PixelRect, crop, decodeDelta, deltaBytes, encodeDelta, tightRect } from './alpha-delta';

/** Where the mask's alpha lives (MaskModel's canvas; a plain buffer in tests). */
export interface AlphaSurface {
  readonly width: number;
  readonly height: number;
  /** The alpha of `rect`, row by row. */
  readAlpha(rect: PixelRect): Uint8Array;
  /** Replaces the alpha of `rect` exactly (no blending). */
  writeAlpha(rect: PixelRect, alpha: Uint8Array): void;
}

export interface MaskHistoryLimits {
  steps: number;
  /** Deltas beyond this many bytes drop the oldest steps (the newest step is always kept). */
  bytes: number;
}

export const DEFAULT_LIMITS: MaskHistoryLimits = { steps: 30, bytes: 128 * 1024 * 1024 };

/**
 * Undo and redo for the mask. It keeps one byte per pixel of the last committed alpha (`base`);
 * a commit compares the region the edit touched against it and stores the XOR, cropped to the
 * pixels that changed and run-length encoded (see alpha-delta.ts). So a step costs what it
 * changed, not a copy of the mask: a brush stroke a few kB, an invert a few bytes.
 * The surface must be empty when the history is made (a new mask).
 */
export class MaskHistory {
  private readonly base: Uint8Array;
  private done: AlphaDelta[] = [];
  private undone: AlphaDelta[] = [];
  /** Masked (non-zero) pixels in the committed mask. */
  private coveredCount = 0;

  constructor(private readonly surface: AlphaSurface, private readonly limits: MaskHistoryLimits = DEFAULT_LIMITS) {
    this.base = new Uint8Array(surface.width * surface.height);
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  get covered(): number {
    return this.coveredCount;
  }

  /** Bytes the steps hold (the base, width × height bytes, comes on top). */
  get bytes(): number {
    return [...this.done, ...this.undone].reduce((sum, d) => sum + deltaBytes(d), 0);
  }

  /** Records the edit made inside `dirty` as one step; false (and no step) when no pixel changed. */
  commit(dirty: PixelRect | null): boolean {
    const rect = dirty && this.clamp(dirty);
    if (!rect) return false;
    const xor = this.surface.readAlpha(rect);
    this.mix(rect, xor, false);
    const changed = tightRect(rect, xor);
    if (!changed) return false;
    this.done.push(encodeDelta(changed, crop(rect, xor, changed)));
    this.undone = []; // A new edit cuts the redo branch.
    this.trim();
    return true;
  }

  /** Drops every step (and redo), keeping the mask as it is now. */
  forget(): void {
    this.done = [];
    this.undone = [];
  }

  /**
   * The surface was emptied outside the history (a fill used the mask up): no step, and no read
   * of the surface, which at 24 MP took 0.6 s of the main thread as the fill's result arrived.
   */
  reset(): void {
    this.forget();
    this.base.fill(0);
    this.coveredCount = 0;
  }

  undo(): boolean {
    return this.move(this.done, this.undone);
  }

  redo(): boolean {
    return this.move(this.undone, this.done);
  }

  private move(from: AlphaDelta[], to: AlphaDelta[]): boolean {
    const delta = from.pop();
    if (!delta) return false;
    const alpha = decodeDelta(delta);
    this.mix(delta.rect, alpha, true);
    this.surface.writeAlpha(delta.rect, alpha);
    to.push(delta);
    return true;
  }

  /**
   * Walks `rect` of the base with `data` and keeps the coverage count. Commit (`apply` false):
   * data is the new alpha; the base takes it and data becomes the XOR. Undo/redo (`apply` true):
   * data is a XOR; the base is flipped by it and data becomes the resulting alpha.
   */
  private mix(rect: PixelRect, data: Uint8Array, apply: boolean): void {
    const { base } = this;
    let covered = this.coveredCount;
    for (let y = 0; y < rect.h; y += 1) {
      const row = (rect.y + y) * this.surface.width + rect.x;
      const at = y * rect.w;
      for (let x = 0; x < rect.w; x += 1) {
        const before = base[row + x]!;
        const value = data[at + x]!;
        const after = apply ? before ^ value : value;
        data[at + x] = apply ? after : before ^ after;
        if (before === after) continue;
        covered += (after !== 0 ? 1 : 0) - (before !== 0 ? 1 : 0);
        base[row + x] = after;
      }
    }
    this.coveredCount = covered;
  }

  private trim(): void {
    let bytes = this.done.reduce((sum, d) => sum + deltaBytes(d), 0);
    while (this.done.length > 1 && (this.done.length > this.limits.steps || bytes > this.limits.bytes)) {
      bytes -= deltaBytes(this.done.shift()!);
    }
  }

  private clamp(r: PixelRect): PixelRect | null {
    const x = Math.max(0, Math.floor(r.x));
    const y = Math.max(0, Math.floor(r.y));
    const w = Math.min(this.surface.width, Math.ceil(r.x + r.w)) - x;
    const h = Math.min(this.surface.height, Math.ceil(r.y + r.h)) - y;
    return w > 0 && h > 0 ? { x, y, w, h } : null;
  }
}
