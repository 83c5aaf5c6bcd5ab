// Builds a dev models root from the latest checkpoints (encoder random-init if none yet).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildEncoder, copyConvWeights, buildClassifier } from '../models/training/nets';
import { loadModel, saveModel } from '../models/training/io';

const out = process.argv[2] ?? '/tmp/latent-dev';
const fam = join(out, 'fashion');
await tf.setBackend('wasm');
rmSync(fam, { recursive: true, force: true });
mkdirSync(fam, { recursive: true });
cpSync('models/fashion/manifest.json', join(fam, 'manifest.json'));
const ck = 'models/fashion/.ckpt';
for (const [from, to] of [['gan/Gema', 'generator'], ['gan/D', 'discriminator']]) cpSync(join(ck, from!), join(fam, to!), { recursive: true });
if (existsSync(join(ck, 'classifier/C/model.json'))) cpSync(join(ck, 'classifier/C'), join(fam, 'classifier'), { recursive: true });
else await saveModel(buildClassifier(), join(fam, 'classifier'));
if (existsSync(join(ck, 'encoder/E/model.json'))) cpSync(join(ck, 'encoder/E'), join(fam, 'encoder'), { recursive: true });
else {
  const D = await loadModel(join(fam, 'discriminator'));
  const E = buildEncoder(64);
  copyConvWeights(D, E);
  await saveModel(E, join(fam, 'encoder'));
}
console.log('dev models at', fam);
