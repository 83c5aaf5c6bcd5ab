/**
 * Latent inversion and attribute-edit bench on held-out Fashion-MNIST test images (t10k,
 * never seen in training): PSNR/SSIM and time per method, PSNR against iterations for
 * optimize and hybrid, and attribute-edit success (see latent-attributes.ts).
 * Models: the family under LATENTSHOP_MODELS (default models/), so a checkpoint build can
 * be benched before final weights land. `--quick`: 50 images instead of 500.
 *
 * Sharded (one process per core; bench/device/run-latent.sh):
 *   --shard i/n [--range a:b] [--shard-out file] [--chunk k] [--deadline epoch-ms]
 *                                                 images [i·N/n, (i+1)·N/n), raw per-image results
 *   --merge file… [--rescore-attributes]          the record an unsharded run writes; optionally
 *                                                 edits scored again from the saved hybrid z
 * Also: --images N, --iterations K (tests), --data-dir (or LATENTSHOP_FASHION_DATA).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveModelsRoot } from '../models/loader';
import { DEFAULT_DATA_DIR, loadFashion, toFloat } from '../models/training/data';
import { getLatentFamily } from '../main/engine/ops/latent/family';
import { generateValues, invertImages } from '../main/engine/ops/latent/invert';
import { seededLatents } from '../main/engine/ops/latent/sample';
import { timeEncoder } from './latent-encoder';
import { benchAttributes, scoredAttributes } from './latent-attributes';
import { meanQuality, mergeShards } from './latent-merge';
import { checkpointsFor, runShard, shardRange, writeShardFile, type ShardFile } from './latent-shard';

export { meanQuality } from './latent-merge';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function positiveInt(args: string[], name: string, fallback: number): number {
  const raw = flag(args, name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} wants a positive integer, got "${raw}"`);
  return value;
}

export async function run(options: { quick?: boolean; args?: string[] } = {}): Promise<Record<string, unknown>> {
  const args = options.args ?? [];
  // setBackend only logs a failed init (e.g. wasm files not found) and returns false.
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  const count = positiveInt(args, '--images', options.quick ? 50 : 500);
  const iterations = positiveInt(args, '--iterations', 500);
  const fam = await getLatentFamily('fashion');
  const dataDir = flag(args, '--data-dir') ?? process.env['LATENTSHOP_FASHION_DATA'] ?? DEFAULT_DATA_DIR;
  const merge = args.indexOf('--merge');
  if (merge >= 0) {
    const rest = args.slice(merge + 1);
    const end = rest.findIndex((a) => a.startsWith('--'));
    const files = end < 0 ? rest : rest.slice(0, end);
    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as ShardFile);
    return mergeShards(fam, loadFashion('t10k', dataDir, shards[0]?.images ?? count), shards, { rescoreAttributes: args.includes('--rescore-attributes') });
  }
  const test = loadFashion('t10k', dataDir, count);
  const target = toFloat(test, Array.from({ length: count }, (_, i) => i));

  if (args.includes('--attributes-only')) {
    // A quick re-score of attribute edits (e.g. after rebuilding attributes.json): hybrid z at 50 steps.
    const random = meanQuality(fam, generateValues(fam, seededLatents(fam.latentSize, count, 77), count), target, count);
    const { z: zE, msPerImage, msSingleImage } = timeEncoder(fam, target, count);
    const encoder = { ...meanQuality(fam, generateValues(fam, zE, count), target, count), msPerImage, msSingleImage };
    const z = (await invertImages(fam, target, count, { method: fam.nets.E ? 'hybrid' : 'optimize', iterations: 50, starts: 1 })).z;
    return { modelsRoot: process.env['LATENTSHOP_MODELS'] ?? resolveModelsRoot(), images: count, randomZ: random, encoder, attributes: await benchAttributes(fam, test.labels, z, count) };
  }

  const shard = shardRange(flag(args, '--shard') ?? '0/1', count);
  // --range a:b redoes part of a shard (e.g. the images a deadline left); --merge keeps each image once.
  const range = flag(args, '--range');
  if (range) shard.range = subRange(range, shard.range);
  const started = performance.now();
  const attrs = await scoredAttributes(fam);
  const file: ShardFile = { kind: 'latent-shard', shard: { index: shard.index, total: shard.total }, images: count, iterations, checkpoints: checkpointsFor(iterations), range: shard.range, backend: tf.getBackend(), attributeNames: attrs.map((a) => a.name), results: [], seconds: 0 };
  const out = flag(args, '--shard-out') ?? join(import.meta.dirname, 'out', `latent-shard-${shard.index}-of-${shard.total}.json`);
  const save = args.includes('--shard');
  const chunk = flag(args, '--chunk');
  const deadline = flag(args, '--deadline');
  file.results = await runShard(fam, target, test.labels, attrs, shard.range, {
    iterations,
    ...(chunk ? { chunk: positiveInt(args, '--chunk', 1) } : {}),
    ...(deadline ? { deadline: positiveInt(args, '--deadline', 1) } : {}),
    onChunk: (results) => save && writeShardFile(out, { ...file, results, seconds: (performance.now() - started) / 1000 }),
  });
  file.seconds = (performance.now() - started) / 1000;
  // A shard's raw file is for --merge; bench/run.ts writes no record for it.
  if (save) return { shardFile: out, images: file.results.length };
  return mergeShards(fam, test, [file]);
}

/** `a:b` → [a, b), which must lie inside the shard's own range. */
function subRange(spec: string, within: [number, number]): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(spec);
  const [a, b] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(a >= within[0] && b <= within[1] && a < b)) throw new Error(`--range wants a:b inside the shard's [${within[0]}, ${within[1]}), got "${spec}"`);
  return [a, b];
}
