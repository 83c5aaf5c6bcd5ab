/**
 * `npm run train -- attributes [--out models/fashion] [--seed S]`: writes attributes.json
 * from the final weights (generator/, classifier/, encoder/ under --out), or from the
 * latest checkpoints (.ckpt/…) when a final net is missing; the result says which.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildAttributes, writeAttributes } from './attributes.js';
import type { FashionSet } from './data.js';
import { loadModel } from './io.js';
import { Rng } from './rng.js';
import { buildSampledAttributes, mergeAttributeFiles } from './sampled-attributes.js';

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
  let encoded;
  if (e) {
    const E = await loadModel(e.dir);
    encoded = buildAttributes(E, train);
    E.dispose();
  }
  const file = mergeAttributeFiles(sampled, encoded);
  writeAttributes(opts.outDir, file);
  G.dispose();
  C.dispose();
  const sources = Object.fromEntries([['generator', g], ['classifier', c], ['encoder', e]].filter(([, s]) => s).map(([k, s]) => [k as string, `${(s as { dir: string }).dir}${(s as { final: boolean }).final ? '' : ' (checkpoint)'}`]));
  return { attributes: file.attributes.length, sources, elapsedMs: Date.now() - t0 };
}
