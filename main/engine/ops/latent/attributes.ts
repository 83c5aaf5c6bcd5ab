import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { lock } from 'proper-lockfile';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { LatentshopError } from '../../../../preload/contract/errors';
import type { AttributeInfo, InversionMethod } from '../../../../preload/contract/latent';
import type { AttributeLabels } from './family';

export const ATTRIBUTE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

/** One named direction in z. Shipped files (models/training/attributes.ts) add label/kind/classIndex. */
export interface StoredAttribute {
  name: string;
  label?: string;
  kind?: string;
  classIndex?: number;
  vector: number[];
  provenance?: { method: InversionMethod | 'labels'; positives: number; negatives: number; createdAt?: string };
  /** The α at which this vector reaches its target class (calibrated on training images). */
  strength?: number;
}

interface AttributeFileJson {
  version: 1;
  latentSize: number;
  method?: string;
  attributes: StoredAttribute[];
}

/**
 * User-learned vectors go to a writable copy (the app's models folder may be read-only
 * when packaged): LATENTSHOP_STATE_DIR or ~/.config/latentshop, then attributes/<family>.json.
 */
export function userAttributesPath(family: string, env: NodeJS.ProcessEnv = process.env): string {
  const state = env['LATENTSHOP_STATE_DIR'] ?? join(homedir(), '.config', 'latentshop');
  return join(state, 'attributes', `${family}.json`);
}

async function readFileJson(path: string | undefined): Promise<StoredAttribute[]> {
  if (!path) return [];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return [];
  }
  try {
    const json = JSON.parse(text) as Partial<AttributeFileJson>;
    return Array.isArray(json.attributes) ? json.attributes : [];
  } catch {
    throw LatentshopError.of('attributesNotJson', {}, path);
  }
}

/** Shipped attributes, then the user's (same name: the user's wins). Bad entries are skipped. */
export async function loadAttributes(family: { id: string; latentSize: number; attributesPath?: string }): Promise<StoredAttribute[]> {
  const merged = new Map<string, StoredAttribute>();
  for (const list of [await readFileJson(family.attributesPath), await readFileJson(userAttributesPath(family.id))]) {
    for (const a of list) {
      if (ATTRIBUTE_NAME.test(a.name) && Array.isArray(a.vector) && a.vector.length === family.latentSize) merged.set(a.name, a);
    }
  }
  return [...merged.values()];
}

/**
 * The panel's view of the family's attributes; those from the user's file are marked removable.
 * Shipped ones carry the family's translations of their labels; a learned one is the user's
 * own words (even when it shadows a shipped name), so it carries none.
 */
export async function listAttributeInfos(family: { id: string; latentSize: number; attributesPath?: string; attributeLabels?: AttributeLabels }): Promise<AttributeInfo[]> {
  const learned = new Set((await readFileJson(userAttributesPath(family.id))).map((a) => a.name));
  return (await loadAttributes(family)).map((a) => {
    if (learned.has(a.name)) return attributeInfo(a, true);
    const translated = Object.entries(family.attributeLabels ?? {}).flatMap(([locale, names]) => {
      const label = names[a.name];
      return label === undefined ? [] : [[locale, displayLabel(a, label)] as const];
    });
    const info = attributeInfo(a);
    return translated.length > 0 ? { ...info, labels: Object.fromEntries(translated) } : info;
  });
}

export function attributeInfo(a: StoredAttribute, learned = false): AttributeInfo {
  const info: AttributeInfo = { name: a.name, provenance: a.provenance ?? { method: 'labels', positives: 0, negatives: 0 } };
  if (learned) info.learned = true;
  if (a.label !== undefined) info.label = displayLabel(a, a.label);
  return a.strength === undefined ? info : { ...info, recommendedStrength: a.strength };
}

/** A class direction's stored label is just the class ("Dress"); the slider moves towards it. */
function displayLabel(a: StoredAttribute, label: string): string {
  return a.classIndex !== undefined && a.name.startsWith('class-') ? `→ ${label}` : label;
}

/**
 * Runs a read-change-write of the user's attributes file holding its lock (`<file>.lock`), so that
 * two writers (the app's two engines, a CLI beside the app, two CLI runs) do not lose each other's
 * attribute: unlocked, one of two overlapping saves vanished in 1 of 3 tries. A lock whose holder
 * died is taken over after 10 s.
 */
async function underLock<T>(path: string, change: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const release = await lock(path, { realpath: false, stale: 10_000, retries: { retries: 100, minTimeout: 20, maxTimeout: 250 } });
  try {
    return await change();
  } finally {
    await release();
  }
}

/** Writes (or replaces) one user attribute atomically: temp file, then rename. */
export async function saveUserAttribute(family: string, latentSize: number, attribute: StoredAttribute): Promise<void> {
  const path = userAttributesPath(family);
  await underLock(path, async () => {
    const others = (await readFileJson(path)).filter((a) => a.name !== attribute.name);
    await writeUserAttributes(path, latentSize, [...others, attribute]);
  });
}

/**
 * Deletes one learned attribute from the user's file. Shipped ones live in the model folder
 * and stay; a learned vector that shadowed a shipped one of the same name uncovers it again.
 */
export async function removeUserAttribute(family: string, latentSize: number, name: string): Promise<void> {
  const path = userAttributesPath(family);
  await underLock(path, async () => {
    const learned = await readFileJson(path);
    if (!learned.some((a) => a.name === name)) {
      throw LatentshopError.of('notLearnedAttribute', { name, family });
    }
    await writeUserAttributes(path, latentSize, learned.filter((a) => a.name !== name));
  });
}

/** Atomically (temp file, then rename): a crash mid-write never leaves a torn file. */
async function writeUserAttributes(path: string, latentSize: number, attributes: StoredAttribute[]): Promise<void> {
  const file: AttributeFileJson = { version: 1, latentSize, method: 'learned in Latentshop', attributes };
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(file)}\n`);
  await rename(tmp, path);
}

export interface AttributeTerm {
  vector: ArrayLike<number>;
  alpha: number;
}

/** Name → α becomes terms; an unknown name is the caller's mistake, said plainly. */
export function attributeTerms(known: StoredAttribute[], strengths: Record<string, number>): AttributeTerm[] {
  return Object.entries(strengths).map(([name, alpha]) => {
    const found = known.find((a) => a.name === name);
    if (!found) throw LatentshopError.of('unknownAttribute', { name, known: known.map((a) => a.name).join(', ') || '—' });
    return { vector: found.vector, alpha };
  });
}

/** z' = z + Σ α_i v_i, in float64, term by term in the given order. */
export function combineLatent(z: ArrayLike<number>, terms: AttributeTerm[]): number[] {
  const out = Array.from(z, Number);
  for (const { vector, alpha } of terms) {
    if (vector.length !== out.length) throw new LatentshopError('BAD_ARGUMENT', `Attribute length ${vector.length} ≠ latent size ${out.length}.`);
    if (alpha === 0) continue;
    for (let j = 0; j < out.length; j += 1) out[j] = (out[j] ?? 0) + alpha * (vector[j] ?? 0);
  }
  return out;
}

/** combineLatent for each of the packed codes `z` (count × latentSize), with the same terms. */
export function combineLatents(z: Float32Array, latentSize: number, terms: AttributeTerm[]): Float32Array {
  const out = new Float32Array(z.length);
  for (let at = 0; at < z.length; at += latentSize) out.set(combineLatent(z.subarray(at, at + latentSize), terms), at);
  return out;
}

/** z0 + t (z1 − z0). */
export function interpolateLatent(z0: ArrayLike<number>, z1: ArrayLike<number>, t: number): number[] {
  return Array.from(z0, (v, j) => v + t * ((z1[j] ?? v) - v));
}
