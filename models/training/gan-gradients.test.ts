/** End-to-end check of models/kernels inside the real networks: GAN gradients on wasm equal cpu's. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import '../kernels/wasm-conv2d-backprop-filter.js';
import { createGan, DEFAULT_GAN, latentBatch } from './gan.js';
import { Rng } from './rng.js';

type Grads = Record<string, Float32Array>;

async function gradients(backend: string): Promise<Grads> {
  await tf.setBackend(backend);
  const rng = new Rng(1);
  const gan = createGan(DEFAULT_GAN, rng);
  const b = 3;
  const real = tf.tensor4d(new Rng(2).normals(b * 32 * 32).map((v) => Math.tanh(v)), [b, 32, 32, 1]);
  const z = latentBatch(rng, b, DEFAULT_GAN.latent);
  const vars = (m: tf.LayersModel): tf.Variable[] => m.trainableWeights.map((w) => (w as unknown as { val: tf.Variable }).val);
  const d = tf.variableGrads(() => tf.add(tf.softplus(tf.neg(gan.D.apply(real) as tf.Tensor)).mean(),
    tf.softplus(gan.D.apply(gan.G.apply(z, { training: true }) as tf.Tensor) as tf.Tensor).mean()) as tf.Scalar, vars(gan.D));
  const g = tf.variableGrads(() => tf.softplus(tf.neg(gan.D.apply(gan.G.apply(z, { training: true }) as tf.Tensor) as tf.Tensor))
    .mean() as tf.Scalar, vars(gan.G));
  const out: Grads = {};
  // Strip the uniquifying suffix tfjs adds when the same names are built twice in a process.
  for (const [k, v] of Object.entries({ ...d.grads, ...g.grads })) out[k.replace(/_\d+$/, '')] = v.dataSync() as Float32Array;
  tf.dispose([real, z, d.value, g.value, ...Object.values(d.grads), ...Object.values(g.grads)]);
  for (const m of [gan.G, gan.D, gan.Gema]) m.dispose();
  return out;
}

describe('GAN gradients, wasm (with our kernels) vs cpu', () => {
  it('match for every trainable weight of G and D', async () => {
    const wasm = await gradients('wasm');
    const cpu = await gradients('cpu');
    expect(Object.keys(wasm).sort()).toEqual(Object.keys(cpu).sort());
    for (const [name, w] of Object.entries(wasm)) {
      const c = cpu[name]!;
      let diff = 0;
      for (let i = 0; i < w.length; i++) diff = Math.max(diff, Math.abs(w[i]! - c[i]!));
      expect(diff, name).toBeLessThan(1e-5);
    }
  });
});
