/**
 * Turns latent-shard.ts results into the latent bench's record. An unsharded run is one
 * shard through this same code, so n shards give exactly its numbers: per-image results do
 * not depend on the shard (latent-shard.ts), means and attribute edits are summed in image
 * order, and the cheap parts that need every image at once (random z, encoder) run here.
 */
import * as tf from '@tensorflow/tfjs';
import { resolveModelsRoot } from '../models/loader';
import type { FashionSet } from '../models/training/data';
import { toFloat } from '../models/training/data';
import { Rng } from '../models/training/rng';
import type { LatentFamily } from '../main/engine/ops/latent/family';
import { domainQuality } from '../main/engine/ops/latent/invert-job';
import { generateValues } from '../main/engine/ops/latent/invert';
import { timeEncoder } from './latent-encoder';
import { scoredAttributes, scoreImages, summarizeAttributes } from './latent-attributes';
import { checkpointsFor, HYBRID_DEFAULT_STEPS, type ImageResult, type MethodQuality, type ShardFile } from './latent-shard';

export function meanQuality(fam: LatentFamily, recon: Float32Array, target: Float32Array, count: number): { psnr: number; ssim: number } {
  const px = fam.domain.width * fam.domain.height;
  let [p, s] = [0, 0];
  for (let i = 0; i < count; i += 1) {
    const q = domainQuality(fam, recon.subarray(i * px, (i + 1) * px), target.subarray(i * px, (i + 1) * px));
    p += Math.min(q.psnr, 60);
    s += q.ssim;
  }
  return { psnr: p / count, ssim: s / count };
}

/** Means over images in index order (the order an unsharded run sums in). */
function methodMeans(results: ImageResult[], pick: (r: ImageResult) => MethodQuality, checkpoints: number[]) {
  const n = results.length;
  const psnr = checkpoints.map((_, c) => results.reduce((s, r) => s + pick(r).psnr[c]!, 0) / n);
  const ssim = checkpoints.map((_, c) => results.reduce((s, r) => s + pick(r).ssim[c]!, 0) / n);
  const ms = results.reduce((s, r) => s + pick(r).ms, 0) / n;
  const at = (k: number) => {
    const c = checkpoints.includes(k) ? checkpoints.indexOf(k) : checkpoints.length - 1;
    return { psnr: psnr[c]!, ssim: ssim[c]! };
  };
  return { psnrAt: Object.fromEntries(checkpoints.map((k, c) => [k, psnr[c]!])), at500: at(500), at50: at(50), msPerImage500: ms };
}

/** Every image's result once, in index order; checks that the shards belong to one run. */
export function collectResults(shards: ShardFile[]): { results: ImageResult[]; images: number; iterations: number; checkpoints: number[] } {
  const first = shards[0];
  if (!first) throw new Error('--merge needs at least one shard file');
  for (const s of shards) {
    if (s.kind !== 'latent-shard' || s.images !== first.images || s.iterations !== first.iterations || s.shard.total !== first.shard.total) throw new Error(`shard ${s.shard.index}/${s.shard.total} is from another run`);
  }
  const byIndex = new Map(shards.flatMap((s) => s.results).map((r) => [r.index, r]));
  const results = [...byIndex.values()].sort((a, b) => a.index - b.index);
  return { results, images: first.images, iterations: first.iterations, checkpoints: first.checkpoints };
}

/**
 * `rescoreAttributes`: score the edits again from each image's saved hybrid z with the family's
 * attributes now (after attributes.json was rebuilt); the inversions do not depend on it.
 */
export async function mergeShards(fam: LatentFamily, test: FashionSet, shards: ShardFile[], opts: { rescoreAttributes?: boolean } = {}): Promise<Record<string, unknown>> {
  const { results, images, iterations, checkpoints } = collectResults(shards);
  if (results.length === 0) throw new Error('no image finished in any shard');
  const count = results.length;
  const L = fam.latentSize;
  const indices = results.map((r) => r.index);
  const target = toFloat(test, indices);

  // Random z: image i's baseline is G(z) with z from seed 77 + i (sample.ts seededLatents).
  const zRandom = new Float32Array(count * L);
  indices.forEach((g, i) => zRandom.set(new Rng(77 + g).normals(L), i * L));
  const random = meanQuality(fam, generateValues(fam, zRandom, count), target, count);
  const { z: zE, msPerImage: encoderMs, msSingleImage } = timeEncoder(fam, target, count);
  const encoder = { ...meanQuality(fam, generateValues(fam, zE, count), target, count), msPerImage: encoderMs, msSingleImage };

  const optimize = methodMeans(results, (r) => r.optimize, checkpoints);
  const hybrid = methodMeans(results, (r) => r.hybrid, checkpoints);
  // The default run's lr schedule settles by its last step; the long run's checkpoint at 50 is mid-schedule.
  const defaultSteps = Math.min(HYBRID_DEFAULT_STEPS, iterations);
  const hybridDefault = methodMeans(results, (r) => r.hybridDefault, checkpointsFor(defaultSteps));
  const hybrid50 = hybridDefault.at50;
  const unwhitened50 = methodMeans(results, (r) => r.hybridUnwhitened, checkpointsFor(defaultSteps)).at50;
  const reach = checkpoints.find((k) => (hybrid.psnrAt[k] ?? 0) >= optimize.at500.psnr);
  const attrs = await scoredAttributes(fam);
  const edits = opts.rescoreAttributes
    ? scoreImages(fam, attrs, Uint8Array.from(indices, (i) => test.labels[i]!), Float32Array.from(results.flatMap((r) => r.hybridDefault.z)), count)
    : results.map((r) => r.attributes);
  if (!opts.rescoreAttributes && shards.some((s) => s.attributeNames.join() !== attrs.map((a) => a.name).join())) throw new Error('the shards scored other attributes than the family has now');
  const attributes = summarizeAttributes(attrs, edits, fam.nets.C !== undefined);
  return {
    modelsRoot: process.env['LATENTSHOP_MODELS'] ?? resolveModelsRoot(),
    images: count,
    // Only when they differ from a full default run: a deadline cut it short, or a test's few steps.
    ...(count < images ? { imagesRequested: images } : {}),
    ...(iterations !== 500 ? { iterations } : {}),
    ...(shards.length > 1 ? { shards: shards.length, shardSeconds: Math.max(...shards.map((s) => s.seconds)) } : {}),
    ...(opts.rescoreAttributes ? { attributesRescoredAtMerge: true } : {}),
    backend: tf.getBackend(),
    randomZ: random,
    encoder,
    optimize: { psnr500: optimize.at500.psnr, ssim500: optimize.at500.ssim, msPerImage500: optimize.msPerImage500, psnrAtIterations: optimize.psnrAt },
    // Batched (up to 50 images per batch; shards' chunks are smaller), so per-image times are amortised.
    // psnr50: the default 50-step run; psnrAtIterations: checkpoints of one 500-step run.
    hybrid: { psnr50: hybrid50.psnr, ssim50: hybrid50.ssim, msPerImage50: hybridDefault.msPerImage500, psnr50Unwhitened: unwhitened50.psnr, psnr500: hybrid.at500.psnr, msPerImage500: hybrid.msPerImage500, psnrAtIterations: hybrid.psnrAt },
    goals: {
      hybridReachesOptimize500By: reach ?? 'not within 500',
      hybrid50VsOptimize500Db: hybrid50.psnr - optimize.at500.psnr,
      hybridWithin50: hybrid50.psnr >= optimize.at500.psnr,
      encoderUnder5ms: msSingleImage.p95 <= 5,
      attributeSuccessAtLeast80: attributes.chosen.success >= 0.8,
    },
    attributes,
  };
}
