import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { LatentshopError } from '../../../preload/contract/errors';
import { ATTRIBUTE_NAME, listAttributeInfos, loadAttributes } from '../../engine/ops/latent/attributes';
import type { LatentFamily } from '../../engine/ops/latent/family';
import { UsageError } from '../args';

/** A plain decimal, optionally signed: "1", "-0.5", ".5", "+2." (no hex, exponent, or spaces). */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
export const ALPHA_LIMIT = 3;

/** NAME=ALPHA pairs, each exactly one name (as the app validates them) and one α in [-3, 3]. */
export function parseAttributes(pairs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const [name, alpha] = at < 0 ? [pair, undefined] : [pair.slice(0, at), pair.slice(at + 1)];
    if (!ATTRIBUTE_NAME.test(name)) throw new UsageError(`--attr "${pair}": NAME must be lower-case letters, digits and dashes, as in size=1.5`);
    if (alpha === undefined || !DECIMAL.test(alpha)) throw new UsageError(`--attr "${pair}" must be NAME=ALPHA with one number, as in ${name}=1.5`);
    const value = Number(alpha);
    if (Math.abs(value) > ALPHA_LIMIT) throw new UsageError(`--attr "${pair}": ALPHA must be from -${ALPHA_LIMIT} to ${ALPHA_LIMIT}`);
    if (name in out) throw new UsageError(`--attr ${name} is given twice`);
    out[name] = value;
  }
  return out;
}

/** Unknown names are a usage mistake, said before the inversion rather than after it. */
export async function checkAttributeNames(fam: LatentFamily, attributes: Record<string, number>): Promise<void> {
  const known = (await loadAttributes(fam)).map((a) => a.name);
  const unknown = Object.keys(attributes).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`unknown attribute${unknown.length > 1 ? 's' : ''} ${unknown.map((n) => `"${n}"`).join(', ')} for family ${fam.id} (known: ${known.join(', ') || 'none'})`);
  }
}

/** Learning a name that exists would replace a learned vector or hide a built-in one: only when asked. */
export async function checkNewAttribute(fam: LatentFamily, name: string, overwrite: boolean): Promise<void> {
  if (overwrite) return;
  const existing = (await listAttributeInfos(fam)).find((a) => a.name === name);
  if (!existing) return;
  throw LatentshopError.of(existing.learned ? 'learnedAttributeExists' : 'builtInAttributeExists', { name, family: fam.id });
}

/**
 * The same image among the positives and the negatives (the same folder twice, a copy, a
 * link) cancels itself out of the mean difference; all of them give an all-zero vector.
 */
export async function checkDistinctSets(pos: string[], neg: string[]): Promise<void> {
  const digest = async (path: string): Promise<string> => createHash('sha256').update(await readFile(path)).digest('hex');
  const positives = new Map<string, string>();
  for (const path of pos) positives.set(await digest(path), path);
  const shared: [string, string][] = [];
  for (const path of neg) {
    const twin = positives.get(await digest(path));
    if (twin) shared.push([twin, path]);
  }
  if (shared.length === 0) return;
  if (shared.length === neg.length && shared.length === pos.length) {
    throw new UsageError('--pos and --neg hold the same images, so the attribute would be all zeros; give two different sets of examples');
  }
  const [a, b] = shared[0]!;
  throw new UsageError(`${a} (--pos) and ${b} (--neg) are the same image; an example cannot be both${shared.length > 1 ? ` (${shared.length} such pairs)` : ''}`);
}
