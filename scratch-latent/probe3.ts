import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';

await tf.setBackend('wasm'); await tf.ready();
const time = (name: string, f: () => void, n = 20) => { f(); const t = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - t) / n).toFixed(2), 'ms'); };
const x = tf.randomNormal([1, 4, 4, 128]) as tf.Tensor4D; const w = tf.randomNormal([4, 4, 64, 128]) as tf.Tensor4D;
time('convT fast', () => tf.tidy(() => { tf.conv2dTranspose(x, w, [1, 8, 8, 64], 2, 'same').dataSync(); }));
const x2 = tf.randomNormal([1, 8, 8, 64]) as tf.Tensor4D; const w2 = tf.randomNormal([4, 4, 64, 64]) as tf.Tensor4D;
time('conv fwd', () => tf.tidy(() => { tf.conv2d(x2, w2, 1, 'same').dataSync(); }));
time('matmul', () => tf.tidy(() => { tf.matMul(tf.ones([64,64]), tf.ones([64,64])).dataSync(); }));

const x3 = tf.randomNormal([1, 16, 16, 32]) as tf.Tensor4D; const w3 = tf.randomNormal([4, 4, 1, 32]) as tf.Tensor4D;
time('convT last stock', () => tf.tidy(() => { tf.conv2dTranspose(x3, w3, [1, 32, 32, 1], 2, 'same').dataSync(); }));
// alternative: depthToSpace formulation: conv2d 'same'-ish on input with 4*co filters then depthToSpace
