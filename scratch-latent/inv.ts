import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { getLatentFamily } from '../main/engine/ops/latent/family';
import { invertImages, generateValues } from '../main/engine/ops/latent/invert';
import { toBytes } from '../main/engine/ops/latent/codec';
import { psnr } from '../main/engine/metrics/image-metrics';
import { Rng } from '../models/training/rng';
await tf.setBackend('wasm'); await tf.ready();
const fam = await getLatentFamily('fashion', '/tmp/latent-dev');
const n = 8;
const zt = new Rng(99).normals(n * 64);
const targets = generateValues(fam, zt, n);
const P = (rec: Float32Array) => { let s = 0; for (let i = 0; i < n; i++) { const a = toBytes(rec.subarray(i*1024,(i+1)*1024), [-1,1]); const b = toBytes(targets.subarray(i*1024,(i+1)*1024), [-1,1]); s += psnr({width:32,height:32,channels:1,data:a},{width:32,height:32,channels:1,data:b}); } return s / n; };
console.log('random z psnr', P(generateValues(fam, new Rng(5).normals(n*64), n)));
const before = tf.memory().numTensors;
for (const [method, it] of [['encoder', 0], ['hybrid', 50], ['optimize', 100], ['optimize', 300]] as const) {
  const r = await invertImages(fam, targets, n, { method, iterations: it, checkpoints: [10, 25, 50, 100], onCheckpoint: (s, rec) => console.log('  @', s, P(rec).toFixed(2)) });
  console.log(method, it, 'psnr', P(r.recon).toFixed(2), 'ms', r.ms.toFixed(0), 'loss', Array.from(r.loss).map(v=>v.toFixed(3)).join(','));
}
console.log('leak', tf.memory().numTensors - before);
