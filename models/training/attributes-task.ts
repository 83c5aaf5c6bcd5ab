/**
 * `npm run train -- attributes [--out models/fashion] [--seed S]`: writes attributes.json
 * from the final weights (generator/, classifier/, encoder/ under --out), or from the
 * latest checkpoints (.ckpt/…) when a final net is missing; the result says which.
 * With an encoder, E's codes of the first FIT_IMAGES training images give a second
 * estimate of every class direction, and each shipped vector and its recommended
 * strength are chosen on the last VALIDATION_IMAGES (attribute-strength.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { predictRows } from '../metrics/batched.js';
import { calibrateAttributes, type CalibrationSet } from './attribute-strength.js';
import { buildAttributes, writeAttributes } from './attributes.js';
import { type FashionSet, SIDE, toFloat } from './data.js';
import { loadModel } from './io.js';
import { Rng } from './rng.js';
import { buildSampledAttributes } from './sampled-attributes.js';

/** E's codes of these first training images estimate the directions… */
const FIT_IMAGES = 20000;
/** …and the last ones choose between estimates and α, disjoint from the fit images. */
const VALIDATION_IMAGES = 5000;

const SOURCES = { generator: 'gan/Gema', classifier: 'classifier/C', encoder: 'encoder/E' } as const;

function netDir(outDir: string, role: keyof typeof SOURCES): { dir: string; final: boolean } | undefined {
  const final = join(outDir, role);
  if (existsSync(join(final, 'model.json'))) return { dir: final, final: true };
  const ckpt = join(outDir, '.ckpt', SOURCES[role]);
  return existsSync(join(ckpt, 'model.json')) ? { dir: ckpt, final: false } : undefined;
}

export interface AttributesTaskResult { attributes: number; sources: Record<string, string>; elapsedMs: number }

export async function runAttributesTask(train: FashionSet, opts: { outDir: string; seed: number; samples?: number }): Promise<AttributesTaskResult> {
  const t0 = Date.now();
  const [g, c, e] = [netDir(opts.outDir, 'generator'), netDir(opts.outDir, 'classifier'), netDir(opts.outDir, 'encoder')];
  if (!g || !c) throw new Error(`attributes need a generator and a classifier under ${opts.outDir} (final or .ckpt)`);
  const G = await loadModel(g.dir);
  const C = await loadModel(c.dir);
  const sampled = buildSampledAttributes(G, C, new Rng(opts.seed), opts.samples ?? 20000);
  let file = sampled;
  if (e) {
    const E = await loadModel(e.dir);
    const encoded = buildAttributes(E, train, FIT_IMAGES);
    const validation = encodeRange(E, train, train.count - VALIDATION_IMAGES, VALIDATION_IMAGES);
    E.dispose();
    file = { ...sampled, method: `${sampled.method}; plus ${encoded.method}; each class direction and its strength chosen on ${VALIDATION_IMAGES} held-out training images (attribute-strength.ts)`,
      attributes: calibrateAttributes(G, C, validation, [sampled.attributes, encoded.attributes], 300) };
  }
  writeAttributes(opts.outDir, file);
  G.dispose();
  C.dispose();
  const sources = Object.fromEntries([['generator', g], ['classifier', c], ['encoder', e]].filter(([, s]) => s).map(([k, s]) => [k as string, `${(s as { dir: string }).dir}${(s as { final: boolean }).final ? '' : ' (checkpoint)'}`]));
  return { attributes: file.attributes.length, sources, elapsedMs: Date.now() - t0 };
}

function encodeRange(E: tf.LayersModel, set: FashionSet, start: number, count: number): CalibrationSet {
  const { rows, dim } = predictRows(E, count, (s, k) => tf.tensor4d(toFloat(set, Array.from({ length: k }, (_, j) => start + s + j)), [k, SIDE, SIDE, 1]));
  return { codes: rows, labels: set.labels.slice(start, start + count), latent: dim };
}
