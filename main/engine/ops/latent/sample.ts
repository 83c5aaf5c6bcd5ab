import * as tf from '@tensorflow/tfjs';
import { LatentshopError } from '../../../../preload/contract/errors';
import type { SampleResult } from '../../../../preload/contract/latent';
import { Rng } from '../../../../models/training/rng';
import { gridBytes, pngDataUrl } from './codec';
import { domainPixels, domainTensor, type LatentFamily } from './family';
import { generateValues } from './invert';

/** z for sample i is N(0, I) drawn from seed + i, so any one sample can be reproduced alone. */
export function seededLatents(latentSize: number, count: number, seed = 1): Float32Array {
  const out = new Float32Array(count * latentSize);
  for (let i = 0; i < count; i += 1) out.set(new Rng(seed + i).normals(latentSize), i * latentSize);
  return out;
}

export async function sampleGrid(fam: LatentFamily, count: number, seed = 1): Promise<SampleResult & { images: Float32Array }> {
  const z = seededLatents(fam.latentSize, count, seed);
  const images = generateValues(fam, z, count);
  const grid = gridBytes(images, count, fam.domain);
  const latents = Array.from({ length: count }, (_, i) => Array.from(z.subarray(i * fam.latentSize, (i + 1) * fam.latentSize)));
  return { kind: 'samples', family: fam.id, gridUrl: await pngDataUrl(grid, 2), latents, images };
}

/** D's logit per image (higher = more like the training data). */
export function discriminate(fam: LatentFamily, images: Float32Array, count: number): Float32Array {
  return tf.tidy(() => fam.discriminate(domainTensor(fam, images, count)).dataSync() as Float32Array).slice();
}

/** E's z per image, in batches of 256 (one wasm call per batch is what makes it ~ms per image). */
export function encode(fam: LatentFamily, images: Float32Array, count: number): Float32Array {
  const encoder = fam.nets.E;
  if (!encoder) throw LatentshopError.of('noEncoder', { family: fam.id });
  const px = domainPixels(fam);
  const out = new Float32Array(count * fam.latentSize);
  for (let s = 0; s < count; s += 256) {
    const n = Math.min(256, count - s);
    const z = tf.tidy(() => (encoder.apply(domainTensor(fam, images.subarray(s * px, (s + n) * px), n), { training: false }) as tf.Tensor).dataSync() as Float32Array);
    out.set(z, s * fam.latentSize);
  }
  return out;
}

export interface ClassScore {
  label: string;
  index: number;
  probability: number;
}

/** C's softmax per image: the top-k labels, best first. */
export function classify(fam: LatentFamily, images: Float32Array, count: number, topK = 3): ClassScore[][] {
  const C = fam.nets.C;
  if (!C) throw LatentshopError.of('noClassifier', { family: fam.id });
  const probs = tf.tidy(() => (C.apply(domainTensor(fam, images, count), { training: false }) as tf.Tensor).softmax().dataSync() as Float32Array);
  const k = probs.length / count;
  return Array.from({ length: count }, (_, i) =>
    Array.from(probs.subarray(i * k, (i + 1) * k), (probability, index) => ({ label: fam.labels[index] ?? String(index), index, probability }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, topK),
  );
}
