/**
 * `npm run train -- attributes [--out models/fashion] [--seed S] [--calibrate-on hybrid|encoder]`: writes attributes.json
 * from the final weights (generator/, classifier/, encoder/ under --out), or from the
 * latest checkpoints (.ckpt/…) when a final net is missing; the result says which.
 * With an encoder, E's codes of the first FIT_IMAGES training images give a second
 * estimate of every class direction, and `calibration`'s codes (the CLI passes the engine's
 * hybrid inversion, `--calibrate-on hybrid`) a third. Each shipped vector and its
 * recommended strength are chosen on the last VALIDATION_IMAGES (attribute-strength.ts),
 * edited from `calibration`'s codes, or E's without it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { AttributeFile } from '../metrics/attributes.js';
import { predictRows } from '../metrics/batched.js';
import { calibrateAttributes, calibrationRows, type CalibrationSet } from './attribute-strength.js';
import { buildAttributes, classAttributes, type CodeMethod, writeAttributes } from './attributes.js';
import { type FashionSet, SIDE, toFloat } from './data.js';
import { loadModel } from './io.js';
import { Rng } from './rng.js';
import { buildSampledAttributes } from './sampled-attributes.js';
import { buildSleeves } from './sleeves.js';

/** E's codes of these first training images estimate the directions… */
const FIT_IMAGES = 20000;
/** …and the last ones choose between estimates and α, disjoint from the fit images. */
const VALIDATION_IMAGES = 5000;

/** Up to this many applicable validation images score each candidate and α. */
const CALIBRATION_LIMIT = 300;

/**
 * Codes for the Edit panel's default method, for packed domain images (count × SIDE × SIDE):
 * they give a third estimate of every class direction (from the first CODES_FIT_IMAGES
 * training images) and the validation codes that choose between estimates and α.
 */
export interface CalibrationCodes {
  method: CodeMethod;
  encode(images: Float32Array, count: number): Promise<Float32Array>;
}

/** How the file's method line credits the Sleeves entry. */
const SLEEVES_METHOD_NOTE = '; sleeves: E codes of tops by sleeve coverage, strength chosen on held-out T-shirts (sleeves.ts)';

/** Fewer than E's FIT_IMAGES: a hybrid code costs about 0.3 s on one core, and 400 per class pin the means well. */
const CODES_FIT_IMAGES = 4000;

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
    const candidates = [sampled.attributes, encoded.attributes];
    let method = `${sampled.method}; plus ${encoded.method}`;
    const calibration = opts.calibration;
    if (calibration) {
      const fit = Array.from({ length: Math.min(CODES_FIT_IMAGES, start) }, (_, i) => i);
      const fitCodes = await codesOf(train, fit, calibration, 'fit');
      candidates.push(classAttributes(fitCodes, validation.latent, train.labels.subarray(0, fit.length), { method: calibration.method, kindSuffix: `-${calibration.method}` }));
      method += `; plus ${calibration.method} codes of ${fit.length} training images`;
      const rows = calibrationRows(candidates, validation.labels, CALIBRATION_LIMIT);
      const rowCodes = await codesOf(train, rows.map((r) => start + r), calibration, 'validation');
      rows.forEach((r, i) => validation.codes.set(rowCodes.subarray(i * validation.latent, (i + 1) * validation.latent), r * validation.latent));
    }
    const sleeves = await buildSleeves({ G, C, E, ...(calibration ?? { method: 'encoder' }) }, train, FIT_IMAGES, VALIDATION_IMAGES, CALIBRATION_LIMIT);
    E.dispose();
    file = { ...sampled, method: `${method}; each class direction and its strength chosen on ${VALIDATION_IMAGES} held-out training images, edited from their ${calibration?.method ?? 'encoder'} codes (attribute-strength.ts)${SLEEVES_METHOD_NOTE}`,
      attributes: [...calibrateAttributes(G, C, validation, candidates, CALIBRATION_LIMIT), sleeves] };
  }
  writeAttributes(opts.outDir, file);
  G.dispose();
  C.dispose();
  const sources = Object.fromEntries([['generator', g], ['classifier', c], ['encoder', e]].filter(([, s]) => s).map(([k, s]) => [k as string, `${(s as { dir: string }).dir}${(s as { final: boolean }).final ? '' : ' (checkpoint)'}`]));
  return { attributes: file.attributes.length, sources, elapsedMs: Date.now() - t0 };
}

/**
 * `--only sleeves`: adds (or rebuilds) just the Sleeves attribute in an existing
 * attributes.json, leaving every other entry as it is. Needs the final G, C and E.
 */
export async function runSleevesTask(train: FashionSet, opts: { outDir: string; calibration?: CalibrationCodes }): Promise<AttributesTaskResult> {
  const t0 = Date.now();
  const [G, C, E] = await Promise.all((['generator', 'classifier', 'encoder'] as const).map((role) => loadModel(join(opts.outDir, role))));
  try {
    const sleeves = await buildSleeves({ G: G!, C: C!, E: E!, ...(opts.calibration ?? { method: 'encoder' }) }, train, FIT_IMAGES, VALIDATION_IMAGES, CALIBRATION_LIMIT);
    const path = join(opts.outDir, 'attributes.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as AttributeFile;
    const kept = file.attributes.filter((a) => a.name !== sleeves.name);
    const method = file.method.includes(SLEEVES_METHOD_NOTE) ? file.method : `${file.method}${SLEEVES_METHOD_NOTE}`;
    writeAttributes(opts.outDir, { ...file, method, attributes: [...kept, sleeves] });
    return { attributes: kept.length + 1, sources: { outDir: opts.outDir }, elapsedMs: Date.now() - t0 };
  } finally {
    for (const net of [G, C, E]) net?.dispose();
  }
}

function encodeRange(E: tf.LayersModel, set: FashionSet, start: number, count: number): CalibrationSet {
  const { rows, dim } = predictRows(E, count, (s, k) => tf.tensor4d(toFloat(set, Array.from({ length: k }, (_, j) => start + s + j)), [k, SIDE, SIDE, 1]));
  return { codes: rows, labels: set.labels.slice(start, start + count), latent: dim };
}

/** `calibration`'s codes of training images `indices`, in batches with progress on stderr. */
async function codesOf(train: FashionSet, indices: number[], calibration: CalibrationCodes, what: string): Promise<Float32Array> {
  const batch = 50;
  const t0 = Date.now();
  const parts: Float32Array[] = [];
  for (let i = 0; i < indices.length; i += batch) {
    const chunk = indices.slice(i, i + batch);
    parts.push(await calibration.encode(toFloat(train, chunk), chunk.length));
    process.stderr.write(`[attributes] ${calibration.method} codes of ${what} images ${Math.min(i + batch, indices.length)}/${indices.length} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
  }
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
