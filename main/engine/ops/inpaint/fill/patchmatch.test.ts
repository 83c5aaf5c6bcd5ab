import { describe, expect, it } from 'vitest';
import type { Level } from './level';
import { Pacer } from './pacer';
import { type Field, nonzeroIndices, patchDistance, patchMatchPass, refreshCosts } from './patchmatch';
import { Rng } from './rng';

/** Weighted SSD written the obvious way, clipped to the region like the real one. */
function bruteForce(img: Float32Array, weight: Float32Array, w: number, h: number, c: number, r: number, p: number, s: number): number {
  const [px, py, sx, sy] = [p % w, Math.floor(p / w), s % w, Math.floor(s / w)];
  let sum = 0;
  for (let dy = -r; dy <= r; dy++) {
    for (let dx = -r; dx <= r; dx++) {
      if (px + dx < 0 || px + dx >= w || py + dy < 0 || py + dy >= h) continue;
      for (let k = 0; k < c; k++) {
        const d = img[((py + dy) * w + px + dx) * c + k]! - img[((sy + dy) * w + sx + dx) * c + k]!;
        sum += weight[(py + dy) * w + px + dx]! * d * d;
      }
    }
  }
  return sum;
}

function noise(w: number, h: number, c: number, seed: number): Float32Array {
  const rng = new Rng(seed);
  return Float32Array.from({ length: w * h * c }, () => Math.round(rng.next() * 255));
}

describe('patchDistance', () => {
  it('equals the weighted SSD, inside the region and clipped at its edges, for colour and grey', () => {
    const [w, h, r] = [20, 16, 3];
    const rng = new Rng(3);
    const weight = Float32Array.from({ length: w * h }, () => rng.next());
    for (const c of [3, 1, 2]) {
      const img = noise(w, h, c, c);
      const source = 8 * w + 10;
      for (const target of [5 * w + 6, 0, w - 1, (h - 1) * w + 2, 2 * w + 17]) {
        const expected = bruteForce(img, weight, w, h, c, r, target, source);
        expect(patchDistance(img, weight, w, h, c, r, target, source, Infinity)).toBeCloseTo(expected, 2);
      }
    }
  });

  it('ignores zero-weight pixels, and gives up early once past the cutoff', () => {
    const [w, h, c, r] = [20, 16, 3, 2];
    const img = noise(w, h, c, 9);
    const weight = new Float32Array(w * h).fill(1);
    const [target, source] = [5 * w + 5, 10 * w + 12];
    // Make the two patches agree on their top row only, and weigh only that row.
    for (let dx = -r; dx <= r; dx++) {
      for (let k = 0; k < c; k++) img[((5 - r) * w + 5 + dx) * c + k] = img[((10 - r) * w + 12 + dx) * c + k]!;
    }
    const full = patchDistance(img, weight, w, h, c, r, target, source, Infinity);
    expect(full).toBeGreaterThan(0);
    const early = patchDistance(img, weight, w, h, c, r, target, source, 1);
    expect(early).toBeGreaterThan(1);
    expect(early).toBeLessThan(full);
    weight.fill(0);
    for (let dx = -r; dx <= r; dx++) weight[(5 - r) * w + 5 + dx] = 1;
    expect(patchDistance(img, weight, w, h, c, r, target, source, Infinity)).toBe(0);
  });
});

describe('patchMatchPass', () => {
  it('finds an exact copy: the right half of a noise image repeats the left half', async () => {
    const [w, h, c, r] = [64, 40, 3, 3];
    const img = noise(w, h, c, 5);
    for (let y = 0; y < h; y++) img.copyWithin((y * w + 32) * c, y * w * c, (y * w + 32) * c);
    const valid = new Uint8Array(w * h);
    for (let y = r; y < h - r; y++) for (let x = r; x < 32 - r; x++) valid[y * w + x] = 1;
    const sources = { valid, list: nonzeroIndices(valid) };
    const targets = Int32Array.from({ length: 20 * 20 }, (_, i) => (10 + Math.floor(i / 20)) * w + 38 + (i % 20));
    const rng = new Rng(1);
    const nnf = new Int32Array(w * h).fill(-1);
    for (const p of targets) nnf[p] = sources.list[rng.int(sources.list.length)]!;
    const field: Field = { targets, nnf, cost: new Float32Array(w * h) };
    const weight = new Float32Array(w * h).fill(1);
    const level: Level = { w, h, c, img, hole: new Uint8Array(w * h) };
    refreshCosts(level, field, r, weight);
    const search = { weight, radius: Infinity, edgeConfidence: 2, edgeRounds: 1 };
    const pacer = new Pacer(new AbortController().signal);
    for (let pass = 0; pass < 4; pass++) await patchMatchPass(level, field, sources, r, rng, pass % 2 === 1, search, pacer);
    const exact = [...targets].filter((p) => nnf[p] === p - 32 && field.cost[p] === 0).length;
    expect(exact / targets.length).toBeGreaterThan(0.95);
  });
});

describe('nonzeroIndices', () => {
  it('lists the nonzero positions in order', () => {
    expect([...nonzeroIndices(Uint8Array.from([0, 3, 0, 0, 1, 1, 0]))]).toEqual([1, 4, 5]);
    expect(nonzeroIndices(new Uint8Array(5)).length).toBe(0);
  });
});
