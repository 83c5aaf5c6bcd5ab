import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encoderStarts } from './encoder-starts';
import { domainTensor, type LatentFamily } from './family';
import { generateValues, invertImages } from './invert';
import { encode, seededLatents } from './sample';
import { makeTestFamily } from './test-family';

let fam: LatentFamily;
beforeAll(async () => {
  await tf.setBackend('wasm');
  fam = makeTestFamily();
});
afterAll(() => fam.dispose());

const L = 64;
const PIXELS = 32 * 32;
const images = (count: number): Float32Array => generateValues(fam, seededLatents(L, count, 40), count);

/** E's code pulled back inside ‖z‖ ≤ 1.5·√L, as inversion starts use it. */
function clampedCode(x: Float32Array): Float32Array {
  const z = encode(fam, x, 1);
  const norm = Math.sqrt(z.reduce((s, v) => s + v * v, 0));
  return z.map((v) => v * Math.min(1, (1.5 * Math.sqrt(L)) / (norm + 1e-6)));
}

describe("hybrid's extra starts: E's ReStyle iterates", () => {
  it("row 0 of each image is E's code and row k is z_(k-1) + E(x) − E(G(z_(k-1)))", () => {
    const x = images(2);
    const starts = 3;
    const rows = tf.tidy(() => encoderStarts(fam, domainTensor(fam, x, 2), starts).dataSync() as Float32Array);
    expect(rows).toHaveLength(2 * starts * L);
    for (let i = 0; i < 2; i += 1) {
      const ex = clampedCode(x.subarray(i * PIXELS, (i + 1) * PIXELS));
      let previous = ex;
      for (let k = 0; k < starts; k += 1) {
        const expected = k === 0 ? ex : previous.map((v, c) => v + ex[c]! - clampedCode(generateValues(fam, previous, 1))[c]!);
        const row = rows.subarray((i * starts + k) * L, (i * starts + k + 1) * L);
        for (let c = 0; c < L; c += 1) expect(row[c]).toBeCloseTo(expected[c]!, 4);
        previous = expected;
      }
    }
    // Each iterate moves: the starts are not copies of E's code.
    const first = rows.subarray(0, L);
    const second = rows.subarray(L, 2 * L);
    expect(first.reduce((s, v, c) => s + (v - second[c]!) ** 2, 0)).toBeGreaterThan(1e-4);
  });

  it('leaks no tensors, and hybrid with 3 starts ends no worse than E alone', async () => {
    const x = images(2);
    const before = tf.memory().numTensors;
    tf.dispose(tf.tidy(() => encoderStarts(fam, domainTensor(fam, x, 2), 4)));
    const encoded = await invertImages(fam, x, 2, { method: 'encoder' });
    const result = await invertImages(fam, x, 2, { method: 'hybrid', iterations: 10, starts: 3 });
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 2; i += 1) expect(result.loss[i]).toBeLessThan(encoded.loss[i]!);
  });
});
