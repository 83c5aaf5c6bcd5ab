import { describe, expect, it } from 'vitest';
import { type PixelRect, decodeDelta, encodeDelta, growRect } from './alpha-delta';
import { type AlphaSurface, MaskHistory } from './MaskHistory';

/** The mask's alpha in a plain buffer, with the edits MaskModel makes (soft-edged dabs, invert, clear). */
class BufferSurface implements AlphaSurface {
  readonly alpha: Uint8Array;
  dirty: PixelRect | null = null;
  constructor(readonly width: number, readonly height: number) {
    this.alpha = new Uint8Array(width * height);
  }
  readAlpha(r: PixelRect): Uint8Array {
    const out = new Uint8Array(r.w * r.h);
    for (let y = 0; y < r.h; y += 1) out.set(this.alpha.subarray((r.y + y) * this.width + r.x, (r.y + y) * this.width + r.x + r.w), y * r.w);
    return out;
  }
  writeAlpha(r: PixelRect, alpha: Uint8Array): void {
    for (let y = 0; y < r.h; y += 1) this.alpha.set(alpha.subarray(y * r.w, (y + 1) * r.w), (r.y + y) * this.width + r.x);
  }
  /** A horizontal stroke of round dabs with an antialiased rim, as the canvas draws one. */
  stroke(x0: number, x1: number, y: number, radius: number, erase = false): void {
    for (let cy = y - radius - 1; cy <= y + radius + 1; cy += 1) {
      for (let cx = x0 - radius - 1; cx <= x1 + radius + 1; cx += 1) {
        if (cx < 0 || cy < 0 || cx >= this.width || cy >= this.height) continue;
        const d = Math.hypot(cx - Math.min(x1, Math.max(x0, cx)), cy - y);
        const cover = Math.round(255 * Math.min(1, Math.max(0, radius + 0.5 - d)));
        const i = cy * this.width + cx;
        this.alpha[i] = erase ? Math.round((this.alpha[i]! * (255 - cover)) / 255) : Math.max(this.alpha[i]!, cover);
      }
    }
    this.dirty = growRect(this.dirty, [{ x: x0, y }, { x: x1, y }], radius + 1);
  }
  invert(): void {
    this.alpha.forEach((a, i) => (this.alpha[i] = 255 - a));
    this.dirty = { x: 0, y: 0, w: this.width, h: this.height };
  }
  clear(): void {
    this.alpha.fill(0);
    this.dirty = { x: 0, y: 0, w: this.width, h: this.height };
  }
  take(): PixelRect | null {
    const d = this.dirty;
    this.dirty = null;
    return d;
  }
}

/** Byte-for-byte equality; toEqual walks typed arrays key by key, which large masks cannot afford. */
function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function setup(width = 200, height = 100, limits = { steps: 30, bytes: 1 << 30 }) {
  const surface = new BufferSurface(width, height);
  const history = new MaskHistory(surface, limits);
  const commit = () => history.commit(surface.take());
  return { surface, history, commit };
}

describe('mask history', () => {
  it('undoes and redoes strokes, invert and clear, restoring every pixel exactly', () => {
    const { surface, history, commit } = setup();
    const states = [surface.alpha.slice()];
    surface.stroke(20, 120, 30, 8);
    commit();
    states.push(surface.alpha.slice());
    surface.stroke(60, 60, 40, 15, true);
    commit();
    states.push(surface.alpha.slice());
    surface.invert();
    commit();
    states.push(surface.alpha.slice());
    surface.clear();
    commit();
    states.push(surface.alpha.slice());
    expect(history.covered).toBe(0);
    for (let i = states.length - 2; i >= 0; i -= 1) {
      expect(history.undo()).toBe(true);
      expect(same(surface.alpha, states[i])).toBe(true);
    }
    expect(history.canUndo).toBe(false);
    expect(history.undo()).toBe(false);
    for (let i = 1; i < states.length; i += 1) {
      expect(history.redo()).toBe(true);
      expect(same(surface.alpha, states[i])).toBe(true);
      expect(history.covered).toBe(states[i]!.filter((a) => a > 0).length);
    }
    expect(history.canRedo).toBe(false);
  });

  it('records nothing when no pixel changed', () => {
    const { surface, history, commit } = setup();
    expect(history.commit(null)).toBe(false);
    surface.clear();
    expect(commit()).toBe(false);
    surface.stroke(50, 50, 50, 5);
    expect(commit()).toBe(true);
    surface.stroke(50, 50, 50, 5); // The same dab again.
    expect(commit()).toBe(false);
    expect(history.canUndo).toBe(true);
    history.undo();
    expect(history.canUndo).toBe(false);
  });

  it('cuts the redo branch when a new edit follows an undo', () => {
    const { surface, history, commit } = setup();
    surface.stroke(10, 50, 20, 4);
    commit();
    surface.stroke(10, 50, 60, 4);
    commit();
    history.undo();
    expect(history.canRedo).toBe(true);
    surface.stroke(100, 150, 50, 6);
    commit();
    expect(history.canRedo).toBe(false);
    expect(history.redo()).toBe(false);
    history.undo();
    history.undo();
    expect(surface.alpha.every((a) => a === 0)).toBe(true);
  });

  it('forgets its steps but keeps the mask (and its coverage) when the document changes', () => {
    const { surface, history, commit } = setup();
    surface.stroke(10, 50, 20, 4);
    commit();
    const drawn = surface.alpha.slice();
    history.forget();
    expect([history.canUndo, history.canRedo, history.undo()]).toEqual([false, false, false]);
    expect(same(surface.alpha, drawn)).toBe(true);
    surface.clear();
    commit();
    expect(history.covered).toBe(0);
    history.undo();
    expect(same(surface.alpha, drawn)).toBe(true);
  });

  it('resets to an empty mask without reading the surface, and later edits diff against the empty one', () => {
    const { surface, history, commit } = setup();
    surface.stroke(10, 50, 20, 4);
    commit();
    surface.alpha.fill(0); // Emptied outside the history, as a fill's discard does.
    surface.dirty = null;
    let reads = 0;
    const read = surface.readAlpha.bind(surface);
    surface.readAlpha = (r) => {
      reads += 1;
      return read(r);
    };
    history.reset();
    expect([reads, history.covered, history.canUndo]).toEqual([0, 0, false]);
    surface.stroke(60, 70, 30, 3);
    commit();
    const drawn = surface.alpha.slice();
    expect(history.covered).toBe(drawn.filter((a) => a !== 0).length);
    history.undo();
    expect(surface.alpha.every((a) => a === 0)).toBe(true);
  });

  it('keeps at most the capped number of steps, dropping the oldest', () => {
    const { surface, history, commit } = setup(200, 100, { steps: 3, bytes: 1 << 30 });
    for (let i = 0; i < 5; i += 1) {
      surface.stroke(10, 20, 10 + i * 15, 3);
      commit();
    }
    const afterTwo = new BufferSurface(200, 100);
    afterTwo.stroke(10, 20, 10, 3);
    afterTwo.stroke(10, 20, 25, 3);
    expect([history.undo(), history.undo(), history.undo(), history.undo()]).toEqual([true, true, true, false]);
    expect(same(surface.alpha, afterTwo.alpha)).toBe(true);
  });

  it('drops old steps past its byte budget but always keeps the newest', () => {
    const { surface, history, commit } = setup(200, 100, { steps: 30, bytes: 10 });
    surface.stroke(10, 190, 50, 20);
    commit();
    surface.stroke(10, 190, 20, 10, true);
    commit();
    expect(history.undo()).toBe(true);
    expect(history.undo()).toBe(false);
  });

  it('run-length encodes deltas and keeps noise raw', () => {
    const rect = { x: 0, y: 0, w: 100, h: 10 };
    const flat = new Uint8Array(1000).fill(255);
    const rle = encodeDelta(rect, flat);
    expect(rle.data.byteLength).toBe(4);
    expect(same(decodeDelta(rle), flat)).toBe(true);
    const noise = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7919) % 251);
    const raw = encodeDelta(rect, noise);
    expect(raw.data.byteLength).toBe(1000);
    expect(same(decodeDelta(raw), noise)).toBe(true);
    const long = new Uint8Array(0x1000005).fill(9);
    expect(same(decodeDelta(encodeDelta({ x: 0, y: 0, w: 0x1000005, h: 1 }, long)), long)).toBe(true);
  });

  it('costs a few kB per stroke and bytes per invert on a 6000 × 4000 mask', () => {
    const { surface, history, commit } = setup(6000, 4000, { steps: 30, bytes: 128 * 1024 * 1024 });
    const cost = (edit: () => void) => {
      const before = history.bytes;
      const start = performance.now();
      edit();
      commit();
      return { bytes: history.bytes - before, ms: Math.round(performance.now() - start) };
    };
    const stroke = cost(() => surface.stroke(500, 4500, 2000, 100)); // 4000 px long, 200 px wide.
    const invert = cost(() => surface.invert());
    const clear = cost(() => surface.clear());
    console.info('6000×4000 mask step costs', { stroke, invert, clear, baseBytes: 6000 * 4000 });
    expect(stroke.bytes).toBeLessThan(64 * 1024);
    expect(invert.bytes).toBeLessThan(64);
    expect(clear.bytes).toBeLessThan(64 * 1024);
    history.undo();
    history.undo();
    history.undo();
    expect(history.covered).toBe(0);
  });
});
