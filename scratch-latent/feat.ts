import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getLatentFamily } from '../main/engine/ops/latent/family';
import { invertImages } from '../main/engine/ops/latent/invert';
import { DEFAULT_WEIGHTS } from '../main/engine/ops/latent/losses';
import { meanQuality } from '../bench/latent';
import { loadFashion, toFloat } from '../models/training/data';
await tf.setBackend('wasm'); await tf.ready();
const fam = await getLatentFamily('fashion', '/tmp/latent-dev');
const n = 8; const test = loadFashion('t10k', undefined, n); const t = toFloat(test, Array.from({ length: n }, (_, i) => i));
for (const [name, w] of [['px', { ...DEFAULT_WEIGHTS, feature: 0 }], ['feat', DEFAULT_WEIGHTS]] as const) {
  const r = await invertImages(fam, t, n, { method: 'optimize', iterations: 100, weights: w });
  console.log(name, meanQuality(fam, r.recon, t, n), (r.ms / 100).toFixed(0), 'ms/step');
}
