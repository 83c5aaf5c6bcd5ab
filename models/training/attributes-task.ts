/**
 * `npm run train -- attributes [--out models/fashion] [--seed S]`: writes attributes.json
 * from the final weights (generator/, classifier/, encoder/ under --out), or from the
 * latest checkpoints (.ckpt/…) when a final net is missing; the result says which.
 * With an encoder, E's codes of the first FIT_IMAGES training images give a second
 * estimate of every class direction, and each shipped vector and its recommended
 * strength are chosen on the last VALIDATION_IMAGES (attribute-strength.ts), edited from
 * E's codes or from `calibration`'s (the CLI passes the engine's hybrid inversion).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { predictRows } from '../metrics/batched.js';
import { calibrateAttributes, calibrationRows, type CalibrationSet } from './attribute-strength.js';
import { buildAttributes, writeAttributes } from './attributes.js';
import { type FashionSet, SIDE, toFloat } from './data.js';
import { loadModel } from './io.js';
import { Rng } from './rng.js';
import { buildSampledAttributes } from './sampled-attributes.js';

/** E's codes of these first training images estimate the directions… */
const FIT_IMAGES = 20000;
/** …and the last ones choose between estimates and α, disjoint from the fit images. */
const VALIDATION_IMAGES = 5000;

/** Up to this many applicable validation images score each candidate and α. */
const CALIBRATION_LIMIT = 300;

/** Codes for the Edit panel's default method, for packed domain images (count × SIDE × SIDE). */
export interface CalibrationCodes {
  method: string;
  encode(images: Float32Array, count: number): Promise<Float32Array>;
}

const SOURCES = { generator: 'gan/Gema', classifier: 'classifier/C', encoder: 'encoder/E' } as const;

function netDir(outDir: string, role: keyof typeof SOURCES): { dir: string; final: boolean } | undefined {
  const final = join(outDir, role);
  if (existsSync(join(final, 'model.json'))) return { dir: final, final: true };
  const ckpt = join(outDir, '.ckpt', SOURCES[role]);
  return existsSync(join(ckpt, 'model.json')) ? { dir: ckpt, final: false } : undefined;
}

export interface AttributesTaskResult { attributes: number; sources: Record<string, string>; elapsedMs: number }

export async function runAttributesTask(train: FashionSet, opts: { outDir: string; seed: number; samples?: number; calibration?: CalibrationCodes }): Promise<AttributesTaskResult> {
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
    const start = train.count - VALIDATION_IMAGES;
    const validation = encodeRange(E, train, start, VALIDATION_IMAGES);
    E.dispose();
    const candidates = [sampled.attributes, encoded.attributes];
    if (opts.calibration) await replaceCodes(validation, calibrationRows(candidates, validation.labels, CALIBRATION_LIMIT), train, start, opts.calibration);
    const codes = opts.calibration?.method ?? 'encoder';
    file = { ...sampled, method: `${sampled.method}; plus ${encoded.method}; each class direction and its strength chosen on ${VALIDATION_IMAGES} held-out training images, edited from their ${codes} codes (attribute-strength.ts)`,
      attributes: calibrateAttributes(G, C, validation, candidates, CALIBRATION_LIMIT) };
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

/** Swaps E's codes for `calibration`'s on the rows calibration reads, in batches with progress. */
async function replaceCodes(set: CalibrationSet, rows: number[], train: FashionSet, start: number, calibration: CalibrationCodes): Promise<void> {
  const batch = 50;
  const t0 = Date.now();
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const codes = await calibration.encode(toFloat(train, chunk.map((r) => start + r)), chunk.length);
    chunk.forEach((r, j) => set.codes.set(codes.subarray(j * set.latent, (j + 1) * set.latent), r * set.latent));
    process.stderr.write(`[attributes] ${calibration.method} codes ${Math.min(i + batch, rows.length)}/${rows.length} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
}
