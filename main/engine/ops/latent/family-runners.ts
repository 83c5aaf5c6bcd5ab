import * as tf from '@tensorflow/tfjs';
import { chainRunner } from './fast-chain';

export interface LatentNets {
  G: tf.LayersModel;
  D: tf.LayersModel;
  E?: tf.LayersModel;
  C?: tf.LayersModel;
}

export interface Runners {
  G(z: tf.Tensor): tf.Tensor;
  D(x: tf.Tensor): tf.Tensor;
  features(x: tf.Tensor): tf.Tensor[];
  dispose(): void;
}

/**
 * Fast chain runners where the nets allow (fast-chain.ts), else the models themselves.
 * Features: D's first two conv outputs (edges, parts) and C's 'features' layer.
 * LATENTSHOP_FAST_NETS=0 turns the fast path off (benches compare both).
 */
export function createRunners(nets: LatentNets): Runners {
  const on = process.env['LATENTSHOP_FAST_NETS'] !== '0';
  const dTaps = nets.D.layers.filter((l) => l.getClassName() === 'Conv2D').slice(0, 2).map((l) => l.name);
  const cTaps = nets.C?.layers.some((l) => l.name === 'features') ? ['features'] : [];
  const g = on ? chainRunner(nets.G) : undefined;
  const d = on ? chainRunner(nets.D, dTaps) : undefined;
  const c = on && nets.C && cTaps.length > 0 ? chainRunner(nets.C, cTaps) : undefined;
  const slow: tf.LayersModel[] = [];
  if (!d && dTaps.length > 0) slow.push(tf.model({ inputs: nets.D.inputs, outputs: dTaps.map((t) => nets.D.getLayer(t).output as tf.SymbolicTensor) }));
  if (!c && nets.C && cTaps.length > 0) slow.push(tf.model({ inputs: nets.C.inputs, outputs: nets.C.getLayer('features').output as tf.SymbolicTensor }));
  return {
    G: (z) => (g ? g.run(z).out : (nets.G.apply(z, { training: false }) as tf.Tensor)),
    D: (x) => (d ? d.run(x).out : (nets.D.apply(x, { training: false }) as tf.Tensor)),
    features: (x) => [
      ...(d ? d.run(x, true).taps : []),
      ...(c ? c.run(x, true).taps : []),
      ...slow.flatMap((m) => [m.apply(x, { training: false }) as tf.Tensor | tf.Tensor[]].flat()),
    ],
    dispose: () => [g, d, c].forEach((r) => r?.dispose()),
  };
}

