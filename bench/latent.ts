/**
 * Latent inversion and attribute-edit bench on held-out Fashion-MNIST test images (t10k,
 * never seen in training): PSNR/SSIM and time per method, PSNR against iterations for
 * optimize and hybrid, and attribute-edit success (see latent-attributes.ts).
 * Models: the family under LATENTSHOP_MODELS (default models/), so a checkpoint build can
 * be benched before final weights land. `--quick`: 50 images instead of 500.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { resolveModelsRoot } from '../models/loader';
import { loadFashion, toFloat } from '../models/training/data';
import { getLatentFamily, type LatentFamily } from '../main/engine/ops/latent/family';
import { domainQuality } from '../main/engine/ops/latent/invert-job';
import { generateValues, invertImages } from '../main/engine/ops/latent/invert';
import { encode, seededLatents } from '../main/engine/ops/latent/sample';
import { benchAttributes } from './latent-attributes';

const CURVE = [10, 25, 50, 100, 250, 500];

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

/** Inverts all images in batches (rows = batch × starts), keeping the PSNR curve at CURVE steps. */
async function curve(fam: LatentFamily, target: Float32Array, count: number, method: 'optimize' | 'hybrid', batch: number) {
  const px = fam.domain.width * fam.domain.height;
  const recon = new Map<number, Float32Array>(CURVE.map((k) => [k, new Float32Array(count * px)]));
  const z = new Float32Array(count * fam.latentSize);
  const t0 = performance.now();
  for (let s = 0; s < count; s += batch) {
    const n = Math.min(batch, count - s);
    const part = target.subarray(s * px, (s + n) * px);
    const out = await invertImages(fam, part, n, { method, iterations: 500, checkpoints: CURVE, onCheckpoint: (k, r) => recon.get(k)!.set(r, s * px) });
    z.set(out.z, s * fam.latentSize);
    process.stderr.write(`[latent] ${method} ${s + n}/${count}\n`);
  }
  const ms = performance.now() - t0;
  const psnrAt = Object.fromEntries(CURVE.map((k) => [k, meanQuality(fam, recon.get(k)!, target, count).psnr]));
  return { psnrAt, at500: meanQuality(fam, recon.get(500)!, target, count), at50: meanQuality(fam, recon.get(50)!, target, count), msPerImage500: ms / count, z, recon50: recon.get(50)! };
}

export async function run(options: { quick?: boolean; args?: string[] } = {}): Promise<Record<string, unknown>> {
  await tf.setBackend('wasm');
  const count = options.quick ? 50 : 500;
  const fam = await getLatentFamily('fashion');
  const test = loadFashion('t10k', undefined, count);
  const target = toFloat(test, Array.from({ length: count }, (_, i) => i));

  const random = meanQuality(fam, generateValues(fam, seededLatents(fam.latentSize, count, 77), count), target, count);
  // Encoder: one batched pass; a warm-up first so the timing is the steady state.
  encode(fam, target.subarray(0, 1024 * 8), 8);
  const te = performance.now();
  const zE = encode(fam, target, count);
  const encoderMs = (performance.now() - te) / count;
  const encoder = { ...meanQuality(fam, generateValues(fam, zE, count), target, count), msPerImage: encoderMs };

  if (options.args?.includes('--attributes-only')) {
    // A quick re-score of attribute edits (e.g. after rebuilding attributes.json): hybrid z at 50 steps.
    const z = (await invertImages(fam, target, count, { method: fam.nets.E ? 'hybrid' : 'optimize', iterations: 50, starts: 1 })).z;
    return { modelsRoot: process.env['LATENTSHOP_MODELS'] ?? resolveModelsRoot(), images: count, randomZ: random, encoder, attributes: await benchAttributes(fam, test.labels, z, count) };
  }
  const optimize = await curve(fam, target, count, 'optimize', 25);
  const hybrid = await curve(fam, target, count, 'hybrid', 50);
  const reach = CURVE.find((k) => (hybrid.psnrAt[k] ?? 0) >= optimize.at500.psnr);
  const attributes = await benchAttributes(fam, test.labels, hybrid.z, count);
  return {
    modelsRoot: process.env['LATENTSHOP_MODELS'] ?? resolveModelsRoot(),
    images: count,
    backend: tf.getBackend(),
    randomZ: random,
    encoder,
    optimize: { psnr500: optimize.at500.psnr, ssim500: optimize.at500.ssim, msPerImage500: optimize.msPerImage500, psnrAtIterations: optimize.psnrAt },
    // Batched (50 images per batch), so per-image times are amortised; hybrid's default is 50 iterations.
    hybrid: { psnr50: hybrid.at50.psnr, ssim50: hybrid.at50.ssim, psnr500: hybrid.at500.psnr, msPerImage50: hybrid.msPerImage500 / 10, msPerImage500: hybrid.msPerImage500, psnrAtIterations: hybrid.psnrAt },
    goals: {
      hybridReachesOptimize500By: reach ?? 'not within 500',
      hybridWithin50: reach !== undefined && reach <= 50,
      encoderUnder5ms: encoderMs <= 5,
      attributeSuccessAtLeast80: attributes.chosen.success >= 0.8,
    },
    attributes,
  };
}
