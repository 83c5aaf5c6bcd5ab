import { describe, expect, it } from 'vitest';
import { holeDistance } from './distance';
import type { Level } from './level';
import { Pacer } from './pacer';
import type { Field } from './patchmatch';
import { Rng } from './rng';
import { holeIntegral, targetCentres, validSources } from './sources';
import { confidence, holeList, vote, voteBuffers } from './vote';

const pacer = new Pacer(new AbortController().signal);
const [W, H, R] = [48, 30, 3];

/** A noise level with two holes: one inside, one touching the region's right edge. */
function level(c: number, seed: number): Level {
  const rng = new Rng(seed);
  const img = Float32Array.from({ length: W * H * c }, () => Math.round(rng.next() * 255));
  const hole = new Uint8Array(W * H);
  for (let y = 8; y < 15; y++) for (let x = 10; x < 18; x++) hole[y * W + x] = 1;
  for (let y = 18; y < 24; y++) for (let x = W - 5; x < W; x++) hole[y * W + x] = 1;
  return { w: W, h: H, c, img, hole };
}

/** Every target matched to the same valid source offset (or a fixed source where that falls outside), at zero cost. */
function field(l: Level, offset: number | undefined, seed: number): Field {
  const integral = holeIntegral(l.hole, W, H);
  const targets = targetCentres(integral, W, H, R);
  const { valid } = validSources(integral, W, H, R);
  const list = [...valid.keys()].filter((i) => valid[i] !== 0);
  const rng = new Rng(seed);
  const nnf = new Int32Array(W * H).fill(-1);
  for (const p of targets) nnf[p] = offset !== undefined && valid[p + offset] === 1 ? p + offset : list[rng.int(list.length)]!;
  return { targets, nnf, cost: new Float32Array(W * H) };
}

async function run(l: Level, f: Field): Promise<{ acc: Float32Array; lap: Float32Array }> {
  const buffers = voteBuffers(l);
  await vote(l, f, holeList(l.hole), confidence(holeDistance(l.hole, W, H)), R, buffers, 1, pacer);
  return { acc: buffers.acc, lap: buffers.lap };
}

describe('vote', () => {
  it('gives colour channels the same votes as grey images of each channel (the RGB fast path agrees with the general one)', async () => {
    const rgb = level(3, 1);
    const f = field(rgb, undefined, 2);
    const whole = await run(rgb, f);
    for (let k = 0; k < 3; k++) {
      const grey = { ...rgb, c: 1, img: rgb.img.filter((_, i) => i % 3 === k) };
      const one = await run(grey, f);
      for (const q of holeList(rgb.hole)) {
        expect(whole.acc[q * 3 + k]).toBeCloseTo(one.acc[q]!, 3);
        expect(whole.lap[q * 3 + k]).toBeCloseTo(one.lap[q]!, 3);
      }
    }
  });

  it('returns the source’s colours and Laplacians exactly when every patch agrees on one offset', async () => {
    const l = level(3, 3);
    // Every patch touching the inner hole then copies from the same whole, hole-free place.
    const offset = 18;
    const { acc, lap } = await run(l, field(l, offset, 4));
    const { img } = l;
    for (let y = 8; y < 15; y++) {
      for (let x = 10; x < 18; x++) {
        const q = y * W + x;
        const s = q + offset;
        for (let k = 0; k < 3; k++) {
          const j = s * 3 + k;
          expect(acc[q * 3 + k]).toBeCloseTo(img[j]!, 3);
          const l4 = 4 * img[j]! - img[j - 3]! - img[j + 3]! - img[j - 3 * W]! - img[j + 3 * W]!;
          expect(lap[q * 3 + k]).toBeCloseTo(l4, 2);
        }
      }
    }
  });
});
