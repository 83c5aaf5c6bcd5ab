import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getLatentFamily } from '../main/engine/ops/latent/family';
import { reconstructionRows, targetFeatures, DEFAULT_WEIGHTS } from '../main/engine/ops/latent/losses';
await tf.setBackend('wasm'); await tf.ready();
const fam = await getLatentFamily('fashion', '/tmp/latent-dev');
const ROWS = Number(process.env.ROWS ?? 4);
const target = tf.tidy(() => fam.generate(tf.randomNormal([ROWS, 64])));
const feats = targetFeatures(fam, target);
const z = tf.randomNormal([ROWS, 64]);
const run = (w: typeof DEFAULT_WEIGHTS) => tf.tidy(() => { tf.grad((zz: tf.Tensor) => reconstructionRows(fam, zz, target, feats, w).sum())(z).dataSync(); });
for (const [name, w] of [['px', { ...DEFAULT_WEIGHTS, feature: 0 }], ['all', DEFAULT_WEIGHTS]] as const) {
  for (let i = 0; i < 3; i++) run(w);
  const t = performance.now(); for (let i = 0; i < 10; i++) run(w); console.log(name, ((performance.now() - t) / 10).toFixed(1));
}
const prof = await tf.profile(() => run(DEFAULT_WEIGHTS));
const agg = new Map<string, number>(); for (const k of prof.kernels) agg.set(k.name, (agg.get(k.name) ?? 0) + Number(k.kernelTimeMs));
console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('\n'));
