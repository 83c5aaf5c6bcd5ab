/**
 * mulberry32: a tiny, fast 32-bit generator. PatchMatch's random init and random
 * search (Barnes et al. 2009, §3.2) draw from it, so one seed reproduces a fill exactly.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // A zero state is fine for mulberry32, but mixing keeps nearby seeds apart.
    this.state = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x85ebca6b) >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}
