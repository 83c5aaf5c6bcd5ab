import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

import '../models/kernels/wasm-conv2d-backprop-filter';
import { loadManifest, loadNetwork } from '../models/loader';
await tf.setBackend('wasm'); await tf.ready();
const fam = await loadManifest('/tmp/latent-dev/fashion');
const G = (await loadNetwork(fam, 'generator')).model as tf.LayersModel;
const D = (await loadNetwork(fam, 'discriminator')).model as tf.LayersModel;
console.log(D.layers.map(l => l.name).join(','));
const time = (name: string, f: () => void, n = 20) => { f(); const t = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - t) / n).toFixed(2), 'ms'); };
const z1 = tf.randomNormal([1, 64]); const z8 = tf.randomNormal([8, 64]);
time('G fwd 1', () => tf.tidy(() => { (G.predict(z1) as tf.Tensor).dataSync(); }));
time('G fwd 8', () => tf.tidy(() => { (G.predict(z8) as tf.Tensor).dataSync(); }));
const target = tf.tidy(() => G.predict(tf.randomNormal([8, 64])) as tf.Tensor);
const g = tf.grad((z: tf.Tensor) => tf.sub(G.apply(z) as tf.Tensor, target).square().mean());
time('grad px 8', () => tf.tidy(() => { g(z8).dataSync(); }));
const feat = tf.model({ inputs: D.inputs, outputs: D.getLayer('conv2').output as tf.SymbolicTensor });
const g2 = tf.grad((z: tf.Tensor) => { const x = G.apply(z) as tf.Tensor; return tf.add(tf.sub(x, target).square().mean(), tf.sub(feat.apply(x) as tf.Tensor, feat.apply(target) as tf.Tensor).square().mean()); });
time('grad px+feat 8', () => tf.tidy(() => { g2(z8).dataSync(); }));

console.log(tf.memory().numTensors);


const C = (await loadNetwork(fam, 'classifier')).model as tf.LayersModel;
const cf = tf.model({ inputs: C.inputs, outputs: C.getLayer('features').output as tf.SymbolicTensor });
const g3 = tf.grad((z: tf.Tensor) => { const x = G.apply(z) as tf.Tensor; return tf.add(tf.sub(x, target).square().mean(), tf.sub(cf.apply(x) as tf.Tensor, cf.apply(target) as tf.Tensor).square().mean()); });
time('grad px+Cfeat 8', () => tf.tidy(() => { g3(z8).dataSync(); }));
const z4 = tf.randomNormal([4, 64]); const t4 = tf.tidy(() => G.predict(tf.randomNormal([4, 64])) as tf.Tensor);
const g4 = tf.grad((z: tf.Tensor) => tf.sub(G.apply(z) as tf.Tensor, t4).square().mean());
time('grad px 4', () => tf.tidy(() => { g4(z4).dataSync(); }));
const z1b = tf.randomNormal([1, 64]); const t1 = tf.tidy(() => G.predict(tf.randomNormal([1, 64])) as tf.Tensor);
const g5 = tf.grad((z: tf.Tensor) => tf.sub(G.apply(z) as tf.Tensor, t1).square().mean());
time('grad px 1', () => tf.tidy(() => { g5(z1b).dataSync(); }));
const E = (await loadNetwork(fam, 'encoder')).model as tf.LayersModel;
const x64 = tf.randomNormal([64, 32, 32, 1]);
time('E 64', () => tf.tidy(() => { (E.predict(x64) as tf.Tensor).dataSync(); }), 5);
