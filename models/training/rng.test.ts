import { describe, expect, it } from 'vitest';
import { Rng } from './rng.js';

describe('Rng', () => {
  it('is deterministic by seed and differs across seeds', () => {
    const a = new Rng(42).normals(100);
    expect(Array.from(new Rng(42).normals(100))).toEqual(Array.from(a));
    expect(Array.from(new Rng(43).normals(100))).not.toEqual(Array.from(a));
  });

  it('resumes from a saved state exactly', () => {
    const r = new Rng(7);
    r.normals(33);
    const state = r.state();
    const next = Array.from({ length: 50 }, () => r.uniform());
    const resumed = Rng.fromState(state);
    expect(Array.from({ length: 50 }, () => resumed.uniform())).toEqual(next);
  });

  it('draws roughly standard normals', () => {
    const x = new Rng(1).normals(20000);
    const mean = x.reduce((s, v) => s + v, 0) / x.length;
    const variance = x.reduce((s, v) => s + (v - mean) ** 2, 0) / x.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
