/**
 * How many examples does "Learn attribute" need? For class transforms (sneaker → ankle boot,
 * ankle boot → sneaker, shirt → dress, t-shirt → pullover), vectors are learned as the Learn
 * dialog does by default (mean of E's codes of the positives minus the negatives') from N
 * random training images a side, several draws per N. Each is scored against the baseline
 * measured in the same run, the vector from every training image of the two classes:
 * - cosine to it;
 * - edit success: the share of held-out t10k images of the source class (hybrid codes, the
 *   Edit panel's default) that C assigns to the target after z + α·v, at α = 1 and 2,
 *   as a ratio to the baseline vector's success.
 * Images are the family's domain images (no photo mapping); rows ≥ 58 000 of the training
 * split are left out, as everywhere in the latent benches.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { DEFAULT_DATA_DIR, type FashionSet, loadFashion, toFloat } from '../models/training/data';
import { cosineSimilarity } from '../models/metrics/linalg';
import { Rng } from '../models/training/rng';
import { getLatentFamily, type LatentFamily } from '../main/engine/ops/latent/family';
import { invertImages } from '../main/engine/ops/latent/invert';
import { meanDifference } from '../main/engine/ops/latent/learn';
import { encode } from '../main/engine/ops/latent/sample';
import { HELD_OUT_TRAIN_FIRST } from './held-out';
import { mean } from './stats';
import { slug } from '../models/training/sampled-attributes';

/** [source, target] class indices of Fashion-MNIST. */
const PAIRS: [number, number][] = [[7, 9], [9, 7], [6, 3], [0, 2]];
const ALPHAS = [1, 2];

export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  await tf.setBackend('wasm');
  const fam = await getLatentFamily('fashion');
  if (!fam.nets.E || !fam.nets.C) throw new Error('the fashion family needs E and C for this bench');
  const train = loadFashion('train', DEFAULT_DATA_DIR, HELD_OUT_TRAIN_FIRST);
  const test = loadFashion('t10k', DEFAULT_DATA_DIR);
  const sizes = quick ? [4, 16] : [4, 8, 16, 32, 64];
  const draws = quick ? 3 : 10;
  const testPerPair = quick ? 30 : 100;
  const pairs: PairResult[] = [];
  for (const [source, target] of PAIRS) {
    const codesOf = (label: number): Float32Array => {
      const rows = indicesOf(train, label);
      return encode(fam, toFloat(train, rows), rows.length);
    };
    const [pos, neg] = [codesOf(target), codesOf(source)];
    const reference = meanDifference(pos, neg, fam.latentSize);
    const testRows = indicesOf(test, source).slice(0, testPerPair);
    const z = (await invertImages(fam, toFloat(test, testRows), testRows.length, { method: 'hybrid' })).z;
    const baseline = ALPHAS.map((alpha) => success(fam, z, reference, alpha, target));
    const rng = new Rng(1000 + source * 10 + target);
    const byN = sizes.map((n) => {
      const runs = Array.from({ length: draws }, () => {
        const v = meanDifference(pick(pos, n, fam.latentSize, rng), pick(neg, n, fam.latentSize, rng), fam.latentSize);
        return { cosine: cosineSimilarity(v, reference), success: ALPHAS.map((alpha) => success(fam, z, v, alpha, target)) };
      });
      return { cosine: mean(runs.map((r) => r.cosine)), success: ALPHAS.map((_, i) => mean(runs.map((r) => r.success[i]!))) };
    });
    pairs.push({ name: `${slug(fam.labels[source]!)}-to-${slug(fam.labels[target]!)}`, baseline, examples: [pos.length, neg.length].map((c) => c / fam.latentSize), testImages: testRows.length, byN });
  }
  const byAlpha = (values: number[]) => Object.fromEntries(ALPHAS.map((alpha, i) => [`alpha${alpha}`, values[i]]));
  return {
    backend: tf.getBackend(),
    draws,
    // Averaged over the pairs: N examples a side, as a share of what the full-data vector does.
    examplesPerSide: Object.fromEntries(sizes.map((n, k) => [n, {
      cosine: mean(pairs.map((p) => p.byN[k]!.cosine)),
      successRatio: byAlpha(ALPHAS.map((_, i) => mean(pairs.map((p) => p.byN[k]!.success[i]! / Math.max(1e-9, p.baseline[i]!))))),
    }])),
    pairs: Object.fromEntries(pairs.map((p) => [p.name, {
      baselineExamples: p.examples.join(' + '),
      testImages: p.testImages,
      baselineSuccess: byAlpha(p.baseline),
      ...Object.fromEntries(sizes.map((n, k) => [`n${n}`, { cosine: p.byN[k]!.cosine, success: byAlpha(p.byN[k]!.success) }])),
    }])),
  };
}

interface PairResult {
  name: string;
  /** Success of the full-data vector at each α. */
  baseline: number[];
  examples: number[];
  testImages: number;
  byN: { cosine: number; success: number[] }[];
}

function indicesOf(set: FashionSet, label: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < set.count; i += 1) if (set.labels[i] === label) rows.push(i);
  return rows;
}

/** n distinct rows of packed codes, drawn at random. */
function pick(codes: Float32Array, n: number, L: number, rng: Rng): Float32Array {
  const rows = codes.length / L;
  const chosen = new Set<number>();
  while (chosen.size < Math.min(n, rows)) chosen.add(rng.int(rows));
  const out = new Float32Array(chosen.size * L);
  [...chosen].forEach((r, i) => out.set(codes.subarray(r * L, (r + 1) * L), i * L));
  return out;
}

/** Share of codes that C assigns to `target` after z + α·v. */
function success(fam: LatentFamily, z: Float32Array, v: number[], alpha: number, target: number): number {
  const n = z.length / fam.latentSize;
  const hits = tf.tidy(() => {
    const edited = tf.tensor2d(z, [n, fam.latentSize]).add(tf.tensor1d(v).mul(alpha).expandDims(0));
    const logits = fam.nets.C!.apply(fam.generate(edited), { training: false }) as tf.Tensor;
    return logits.argMax(1).equal(target).sum().dataSync()[0]!;
  });
  return hits / n;
}
