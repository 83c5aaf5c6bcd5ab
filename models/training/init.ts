/**
 * Re-initialises kernels from our seeded RNG: tfjs initialisers draw from an
 * unseeded global stream, which would make `--seed` meaningless.
 */
import * as tf from '@tensorflow/tfjs';
import type { Rng } from './rng.js';

/** 'dcgan' = N(0, 0.02) as in Radford et al.; 'glorot' = uniform ±√(6/(fanIn+fanOut)). */
export function reseed(model: tf.LayersModel, rng: Rng, mode: 'dcgan' | 'glorot'): void {
  for (const w of model.weights) {
    // originalName: a second model built in the same process gets suffixed names ('…/kernel_1').
    if (!w.originalName.endsWith('kernel')) continue; // biases, BN γ/β and moving stats keep their constant init
    const shape = w.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    const receptive = shape.length > 2 ? shape.slice(0, -2).reduce((a, b) => a * b, 1) : 1;
    const fanIn = receptive * shape[shape.length - 2]!;
    const fanOut = receptive * shape[shape.length - 1]!;
    const data = new Float32Array(size);
    const lim = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < size; i++) data[i] = mode === 'dcgan' ? 0.02 * rng.normal() : (2 * rng.uniform() - 1) * lim;
    const t = tf.tensor(data, shape);
    w.write(t);
    t.dispose();
  }
}
