import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getLatentFamily } from '../main/engine/ops/latent/family';
import { invertImages, generateValues } from '../main/engine/ops/latent/invert';
import { encode } from '../main/engine/ops/latent/sample';
import { meanQuality } from '../bench/latent';
import { loadFashion, toFloat } from '../models/training/data';
await tf.setBackend('wasm'); await tf.ready();
const fam = await getLatentFamily('fashion', '/tmp/latent-dev');
const n = 16; const test = loadFashion('t10k', undefined, n); const t = toFloat(test, Array.from({ length: n }, (_, i) => i));
console.log('encoder', meanQuality(fam, generateValues(fam, encode(fam, t, n), n), t, n));
const cps = [10, 25, 50, 100, 200];
for (const [method, lr] of [['hybrid', 0.05], ['hybrid', 0.1], ['optimize', 0.1]] as const) {
  const curve: string[] = [];
  const r = await invertImages(fam, t, n, { method, lr, iterations: 200, checkpoints: cps, onCheckpoint: (k, rec) => curve.push(`${k}:${meanQuality(fam, rec, t, n).psnr.toFixed(2)}`) });
  console.log(method, lr, curve.join(' '), (r.ms / 200).toFixed(0), 'ms/step');
}
