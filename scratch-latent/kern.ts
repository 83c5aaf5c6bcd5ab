import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { stockConv2DBackpropInput } from '../models/kernels/wasm-conv2d-backprop-input';
await tf.setBackend('wasm'); await tf.ready();
const fast = tf.getKernel('Conv2DBackpropInput', 'wasm')!.kernelFunc;
const stock = stockConv2DBackpropInput()!;
const swap = (k: tf.KernelFunc) => { const p = tf.getKernel('Conv2DBackpropInput', 'wasm')!; tf.unregisterKernel('Conv2DBackpropInput', 'wasm'); tf.registerKernel({ ...p, kernelFunc: k }); };
const shapes: [number[], number[], number[]][] = [];
for (const b of [1, 4, 32]) {
  shapes.push([[b, 4, 4, 128], [4, 4, 64, 128], [b, 8, 8, 64]], [[b, 8, 8, 64], [4, 4, 32, 64], [b, 16, 16, 32]], [[b, 16, 16, 32], [4, 4, 1, 32], [b, 32, 32, 1]]);
  // D backward: dx of conv1 (32x32x1 → 16x16x32), conv2 (16→8, 32→64), conv3 (8→4, 64→128)
  shapes.push([[b, 16, 16, 32], [4, 4, 1, 32], [b, 32, 32, 1]], [[b, 8, 8, 64], [4, 4, 32, 64], [b, 16, 16, 32]], [[b, 4, 4, 128], [4, 4, 64, 128], [b, 8, 8, 64]]);
}
for (const [xs, ws, os] of shapes.slice(0, 3).concat(shapes.slice(6, 9), shapes.slice(12, 15))) {
  const x = tf.randomNormal(xs) as tf.Tensor4D; const w = tf.randomNormal(ws) as tf.Tensor4D;
  const res: string[] = [];
  for (const [name, k] of [['stock', stock], ['fast', fast], ['stock', stock], ['fast', fast]] as const) {
    swap(k);
    const f = () => tf.tidy(() => { tf.conv2dTranspose(x, w, os as [number, number, number, number], 2, 'same').dataSync(); });
    f(); const t = performance.now(); for (let i = 0; i < 10; i++) f(); res.push(`${name} ${((performance.now() - t) / 10).toFixed(2)}`);
  }
  console.log(JSON.stringify(xs), res.join(' | '));
}
