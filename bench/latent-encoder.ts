/**
 * E's speed, two ways: batched (a bench's or the attribute trainer's case: ms per image of
 * one pass over all of them) and one image at a time (the Edit panel's case: a photographer
 * inverts one region). The goal, ≤ 5 ms per image on wasm, is checked on the slower.
 */
import type { LatentFamily } from '../main/engine/ops/latent/family';
import { encode } from '../main/engine/ops/latent/sample';
import { percentile } from './stats';

/** Single-image passes timed (the first images; each is one call, as the app makes it). */
const SINGLE_PASSES = 100;

export interface EncoderTiming {
  /** E's codes of every image. */
  z: Float32Array;
  msPerImage: number;
  msSingleImage: { median: number; p95: number };
}

export function timeEncoder(fam: LatentFamily, target: Float32Array, count: number): EncoderTiming {
  const px = fam.domain.width * fam.domain.height;
  // Warm-ups first, so the timings are the steady state.
  encode(fam, target.subarray(0, px * Math.min(8, count)), Math.min(8, count));
  const started = performance.now();
  const z = encode(fam, target, count);
  const msPerImage = (performance.now() - started) / count;
  for (let i = 0; i < 5; i += 1) encode(fam, target.subarray(0, px), 1);
  const single: number[] = [];
  for (let i = 0; i < Math.min(SINGLE_PASSES, count); i += 1) {
    const t = performance.now();
    encode(fam, target.subarray(i * px, (i + 1) * px), 1);
    single.push(performance.now() - t);
  }
  single.sort((a, b) => a - b);
  return { z, msPerImage, msSingleImage: { median: percentile(single, 0.5), p95: percentile(single, 0.95) } };
}
