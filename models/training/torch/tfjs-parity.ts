/**
 * The tfjs side of the PyTorch port's checks (run with `npx tsx`; see README.md here).
 *
 *   fixture OUT.json [--models DIR]   G(z) for fixed z and E(x) for fixed t10k images, as the
 *                                     engine's tfjs computes them; parity.py compares the port.
 *   check ENCODER_DIR [--expect F.json] [--models DIR]
 *                                     loads an encoder written by tfjs_io.py in tfjs, prints the
 *                                     bench PSNR of G(E(x)) on the first 500 t10k images and, with
 *                                     --expect, the max abs diff against the z's PyTorch computed.
 *
 * Both use the wasm backend, as the engine and bench/latent.ts do.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { psnr } from '../../../main/engine/metrics/image-metrics.js';
import { toBytes } from '../../../main/engine/ops/latent/codec.js';
import { loadFashion, toFloat } from '../data.js';
import { loadModel } from '../io.js';
import { Rng } from '../rng.js';

const SIDE = 32;
const PX = SIDE * SIDE;
/** t10k images for E parity: a spread of classes, not just the first few. */
const IMAGE_INDICES = [0, 1, 2, 3, 17, 123, 4567, 9999];
const Z_COUNT = 6;
const EVAL_COUNT = 500;

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function run(model: tf.LayersModel, input: Float32Array, shape: number[]): Float32Array {
  return tf.tidy(() => (model.apply(tf.tensor(input, shape), { training: false }) as tf.Tensor).dataSync() as Float32Array).slice();
}

/** Same composition as invert-job.ts domainQuality + bench/latent.ts meanQuality (caps 99, then 60). */
function meanPsnr(recon: Float32Array, target: Float32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) {
    const a = { width: SIDE, height: SIDE, channels: 1, data: toBytes(recon.subarray(i * PX, (i + 1) * PX), [-1, 1]) };
    const b = { width: SIDE, height: SIDE, channels: 1, data: toBytes(target.subarray(i * PX, (i + 1) * PX), [-1, 1]) };
    sum += Math.min(Math.min(99, psnr(a, b)), 60);
  }
  return sum / count;
}

async function fixture(out: string, models: string): Promise<void> {
  const G = await loadModel(join(models, 'generator'));
  const E = await loadModel(join(models, 'encoder'));
  const latent = G.inputs[0]!.shape[1]!;
  // Includes a large-norm code so BN/ReLU saturation paths are exercised too.
  const z = new Rng(2024).normals(Z_COUNT * latent);
  for (let k = 0; k < latent; k++) z[(Z_COUNT - 1) * latent + k]! *= 3;
  const test = loadFashion('t10k');
  const images = toFloat(test, IMAGE_INDICES);
  const fix = {
    note: 'tfjs (wasm) outputs of models/fashion G and E; regenerate with tfjs-parity.ts fixture',
    latent,
    z: Array.from(z),
    g: Array.from(run(G, z, [Z_COUNT, latent])),
    imageIndices: IMAGE_INDICES,
    e: Array.from(run(E, images, [IMAGE_INDICES.length, SIDE, SIDE, 1])),
  };
  writeFileSync(out, JSON.stringify(fix));
  process.stdout.write(`wrote ${out}: ${Z_COUNT} G outputs, ${IMAGE_INDICES.length} E outputs\n`);
}

async function check(encoderDir: string, models: string, expect: string | undefined): Promise<void> {
  const G = await loadModel(join(models, 'generator'));
  const E = await loadModel(encoderDir);
  const test = loadFashion('t10k', undefined, EVAL_COUNT);
  const target = toFloat(test, Array.from({ length: EVAL_COUNT }, (_, i) => i));
  const z = run(E, target, [EVAL_COUNT, SIDE, SIDE, 1]);
  const latent = z.length / EVAL_COUNT;
  const recon = run(G, z, [EVAL_COUNT, latent]);
  const result: Record<string, number> = { psnr500: meanPsnr(recon, target, EVAL_COUNT) };
  if (expect) {
    // z computed by PyTorch for the first N t10k images (train_encoder.py --dump-z).
    const want = JSON.parse(readFileSync(expect, 'utf8')) as { count: number; z: number[] };
    let max = 0;
    for (let i = 0; i < want.count * latent; i++) max = Math.max(max, Math.abs(want.z[i]! - z[i]!));
    result['maxAbsDiffZ'] = max;
  }
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const [mode, path, ...rest] = process.argv.slice(2);
  const models = flag(rest, '--models') ?? join(process.cwd(), 'models', 'fashion');
  await tf.setBackend('wasm');
  if (mode === 'fixture' && path) await fixture(path, models);
  else if (mode === 'check' && path) await check(path, models, flag(rest, '--expect'));
  else throw new Error('usage: tfjs-parity.ts fixture OUT.json | check ENCODER_DIR [--expect Z.json] [--models DIR]');
}

await main();
