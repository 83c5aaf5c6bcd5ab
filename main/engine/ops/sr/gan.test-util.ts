import * as tf from '@tensorflow/tfjs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LatentGenerator } from './gan-prior';

/** A small random generator with the fashion family's I/O: z[16] → 32×32×1 in [-1, 1] (BN and transposed convs, like models/training/nets.ts). */
export function randomGenerator(seed: number): LatentGenerator {
  const init = (s: number) => tf.initializers.varianceScaling({ scale: 3, mode: 'fanIn', distribution: 'normal', seed: seed + s });
  const z = tf.input({ shape: [16] });
  let h = tf.layers.dense({ units: 4 * 4 * 16, kernelInitializer: init(1) }).apply(z) as tf.SymbolicTensor;
  h = tf.layers.reshape({ targetShape: [4, 4, 16] }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization().apply(h) as tf.SymbolicTensor;
  h = tf.layers.reLU().apply(h) as tf.SymbolicTensor;
  for (const [i, f] of [8, 8].entries()) {
    h = tf.layers.conv2dTranspose({ filters: f, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: init(2 + i) }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.reLU().apply(h) as tf.SymbolicTensor;
  }
  const out = tf.layers.conv2dTranspose({ filters: 1, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh', kernelInitializer: init(9) }).apply(h) as tf.SymbolicTensor;
  return { model: tf.model({ inputs: z, outputs: out }), latentSize: 16, range: [-1, 1], width: 32, height: 32, channels: 1 };
}


/** Writes `gen` as a model family (manifest.json + generator/model.json + weights.bin) under `root/<id>`. */
export async function writeGeneratorFamily(root: string, id: string, gen: LatentGenerator): Promise<void> {
  const dir = join(root, id, 'generator');
  mkdirSync(dir, { recursive: true });
  await gen.model.save(tf.io.withSaveHandler(async (artifacts) => {
    writeFileSync(join(dir, 'weights.bin'), Buffer.from(artifacts.weightData as ArrayBuffer));
    const model = { modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] };
    writeFileSync(join(dir, 'model.json'), JSON.stringify(model));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  const manifest = {
    id, title: 'Test family', version: 1, latentSize: gen.latentSize,
    domain: { width: gen.width, height: gen.height, channels: gen.channels, range: gen.range },
    networks: [{ role: 'generator', format: 'layers-model', path: 'generator/model.json', input: { shape: [null, gen.latentSize], range: [-3, 3] }, output: { shape: [null, gen.height, gen.width, gen.channels], range: gen.range } }],
  };
  writeFileSync(join(root, id, 'manifest.json'), JSON.stringify(manifest, null, 2));
}
