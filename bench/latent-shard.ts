/**
 * One shard of the latent inversion bench: a contiguous range of the test images, inverted
 * by optimize and hybrid (a long run for the curve, and the app's default 50-step run), with
 * every image's PSNR/SSIM at every checkpoint, its share of the time and its default hybrid
 * z kept raw, so shards run on separate cores and latent-merge.ts turns them into the record
 * an unsharded run gives.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LatentFamily } from '../main/engine/ops/latent/family';
import { domainQuality } from '../main/engine/ops/latent/invert-job';
import { invertImages } from '../main/engine/ops/latent/invert';
import type { StoredAttribute } from '../main/engine/ops/latent/attributes';
import { scoreImages, type ImageEdits } from './latent-attributes';

export const CURVE = [10, 25, 50, 100, 250, 500];
/** Batch sizes of the unsharded bench (rows = batch × starts); they only change the speed. */
export const OPTIMIZE_BATCH = 25;
export const HYBRID_BATCH = 50;
/** Image i's random starts come from Rng(START_SEED + i), whatever shard or batch it is in. */
export const START_SEED = 100_000;

export interface MethodQuality {
  /** Per checkpoint (ShardFile.checkpoints), PSNR capped at 60 dB as in the means. */
  psnr: number[];
  ssim: number[];
  /** This image's share of its batch's wall time. */
  ms: number;
}

/** Hybrid's default run (the product's): its lr schedule spans these steps, so it settles by the end. */
export const HYBRID_DEFAULT_STEPS = 50;

export interface ImageResult {
  index: number;
  optimize: MethodQuality;
  /** Checkpoints of one run of `iterations` steps (the curve). */
  hybrid: MethodQuality;
  /** A run of min(HYBRID_DEFAULT_STEPS, iterations) steps, as the app runs it; one entry per checkpointsFor(those steps). */
  hybridDefault: MethodQuality & { z: number[] };
  /** The same default run with Adam on z itself (no whitening, see whiten.ts): what the whitening gains. */
  hybridUnwhitened: MethodQuality;
  /** Attribute edits of hybridDefault's z (latent-attributes.ts), scored here to spread the work over shards. */
  attributes: ImageEdits;
}

export interface ShardFile {
  kind: 'latent-shard';
  shard: { index: number; total: number };
  /** Images in the whole run (the shard holds a range of them). */
  images: number;
  iterations: number;
  checkpoints: number[];
  range: [number, number];
  backend: string;
  /** The attributes scored, in the order ImageEdits index them (the merge checks they match). */
  attributeNames: string[];
  /** Completed images, in index order; fewer than the range while the shard runs. */
  results: ImageResult[];
  seconds: number;
}

/** `i/n` → [first, end) of `count` images; shards differ in size by at most one image. */
export function shardRange(spec: string, count: number): { index: number; total: number; range: [number, number] } {
  const match = /^(\d+)\/(\d+)$/.exec(spec);
  const [index, total] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(total >= 1 && index >= 0 && index < total)) throw new Error(`--shard wants i/n with 0 ≤ i < n, got "${spec}"`);
  return { index, total, range: [Math.floor((index * count) / total), Math.floor(((index + 1) * count) / total)] };
}

export function checkpointsFor(iterations: number): number[] {
  return [...new Set([...CURVE.filter((k) => k <= iterations), iterations])];
}

function quality(fam: LatentFamily, recon: Map<number, Float32Array>, target: Float32Array, checkpoints: number[], i: number) {
  const px = fam.domain.width * fam.domain.height;
  const q = checkpoints.map((k) => domainQuality(fam, recon.get(k)!.subarray(i * px, (i + 1) * px), target.subarray(i * px, (i + 1) * px)));
  return { psnr: q.map((v) => Math.min(v.psnr, 60)), ssim: q.map((v) => v.ssim) };
}

/** Inverts images [first, end) of `target` with one method in batches; per-image results. */
async function invertRange(fam: LatentFamily, target: Float32Array, first: number, end: number, method: 'optimize' | 'hybrid', iterations: number, whiten = true) {
  const px = fam.domain.width * fam.domain.height;
  const L = fam.latentSize;
  const checkpoints = checkpointsFor(iterations);
  const out: { quality: MethodQuality; z: number[] }[] = [];
  const batch = method === 'optimize' ? OPTIMIZE_BATCH : HYBRID_BATCH;
  for (let s = first; s < end; s += batch) {
    const n = Math.min(batch, end - s);
    const part = target.subarray(s * px, (s + n) * px);
    const recon = new Map<number, Float32Array>();
    const t0 = performance.now();
    const seeds = Array.from({ length: n }, (_, i) => START_SEED + s + i);
    const res = await invertImages(fam, part, n, { method, iterations, whiten, imageSeeds: seeds, checkpoints, onCheckpoint: (k, r) => recon.set(k, r.slice()) });
    const ms = (performance.now() - t0) / n;
    for (let i = 0; i < n; i += 1) out.push({ quality: { ...quality(fam, recon, part, checkpoints, i), ms }, z: Array.from(res.z.subarray(i * L, (i + 1) * L)) });
  }
  return out;
}

/** With a deadline, the first chunk measures the speed that sizes the next ones. */
const FIRST_CHUNK = 8;

export interface ShardOptions {
  iterations: number;
  /** Most images per chunk (both methods run on it before the next); default HYBRID_BATCH. */
  chunk?: number;
  /**
   * Date.now() by which the shard must be done: chunks are sized from the speed measured so
   * far, and the shard stops when not one more image would fit, rather than be killed
   * mid-chunk with its work lost.
   */
  deadline?: number;
  /** Called after every chunk with the results so far (the shard file is rewritten then). */
  onChunk?(results: ImageResult[]): void;
}

/**
 * Runs images [first, end) chunk by chunk: optimize, then both hybrid runs, then the
 * attribute edits on each chunk, so a shard stopped by a deadline still leaves whole results for the images
 * it finished. Batches only change the speed, never an image's numbers.
 */
export async function runShard(fam: LatentFamily, target: Float32Array, labels: Uint8Array, attrs: StoredAttribute[], range: [number, number], opts: ShardOptions): Promise<ImageResult[]> {
  const results: ImageResult[] = [];
  const chunk = opts.chunk ?? HYBRID_BATCH;
  let size = opts.deadline === undefined ? chunk : Math.min(chunk, FIRST_CHUNK);
  // The next chunk starts where this one ended: `size` changes below, after the deadline's speed check.
  for (let s = range[0], e = 0; s < range[1]; s = e) {
    e = Math.min(range[1], s + size);
    const t0 = Date.now();
    const optimize = await invertRange(fam, target, s, e, 'optimize', opts.iterations);
    const hybrid = await invertRange(fam, target, s, e, 'hybrid', opts.iterations);
    const hybridDefault = await invertRange(fam, target, s, e, 'hybrid', Math.min(HYBRID_DEFAULT_STEPS, opts.iterations));
    const hybridUnwhitened = await invertRange(fam, target, s, e, 'hybrid', Math.min(HYBRID_DEFAULT_STEPS, opts.iterations), false);
    // Edits start from the z a user gets: hybrid's default run.
    const edits = scoreImages(fam, attrs, labels.subarray(s, e), Float32Array.from(hybridDefault.flatMap((h) => h.z)), e - s);
    for (let i = 0; i < e - s; i += 1) {
      results.push({ index: s + i, optimize: optimize[i]!.quality, hybrid: hybrid[i]!.quality, hybridDefault: { ...hybridDefault[i]!.quality, z: hybridDefault[i]!.z }, hybridUnwhitened: hybridUnwhitened[i]!.quality, attributes: edits[i]! });
    }
    process.stderr.write(`[latent] images ${range[0]}..${e - 1} of [${range[0]}, ${range[1]}) done\n`);
    opts.onChunk?.(results);
    if (opts.deadline === undefined || e >= range[1]) continue;
    // Smaller batches are slower per image, so the last chunk's speed is a safe estimate.
    const fits = Math.floor(((opts.deadline - Date.now()) / ((Date.now() - t0) / (e - s))) * 0.9);
    if (fits < 1) {
      process.stderr.write(`[latent] stopping before the deadline: images ${e}..${range[1] - 1} left\n`);
      break;
    }
    size = Math.min(chunk, fits);
  }
  return results;
}

/** Writes via a temporary file and a rename, so a shard killed mid-write leaves the last good file. */
export function writeShardFile(path: string, file: ShardFile): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify(file)}\n`);
  renameSync(`${path}.tmp`, path);
}
