/**
 * Network builders for the fashion family, all plain tfjs-layers so the saved
 * model.json loads anywhere without custom layers. Sized for one wasm core:
 * a GAN step (batch 64) measures ~0.9 s (bench/train.ts). Wider nets doubled
 * or tripled that, which the ~40 min training budget could not afford.
 */
import * as tf from '@tensorflow/tfjs';

export const IMAGE_SIZE = 32;
export const LATENT_SIZE = 64;

export interface GanWidths { g: [number, number, number]; d: [number, number, number] }
export const DEFAULT_WIDTHS: GanWidths = { g: [128, 64, 32], d: [32, 64, 128] };

/**
 * G: dense → 4×4×C → 3× (4×4 stride-2 transposed conv, BN, ReLU) → 32×32×channels
 * (1 for the shipped grey family; 3 builds colour test families), tanh in [-1,1]. Transposed convs cost 4 taps per output pixel (vs 9 for
 * upsample + 3×3 conv) and their gradients are a plain conv plus a strided
 * filter gradient, both fast on wasm with models/kernels.
 */
export function buildGenerator(latent = LATENT_SIZE, w: GanWidths = DEFAULT_WIDTHS, channels = 1): tf.LayersModel {
  const z = tf.input({ shape: [latent], name: 'z' });
  let h = tf.layers.dense({ units: 4 * 4 * w.g[0], useBias: false, name: 'g_dense' }).apply(z) as tf.SymbolicTensor;
  h = tf.layers.reshape({ targetShape: [4, 4, w.g[0]] }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.batchNormalization({ momentum: 0.9, name: 'g_bn0' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.reLU().apply(h) as tf.SymbolicTensor;
  for (let i = 1; i <= 2; i++) {
    h = tf.layers.conv2dTranspose({ filters: w.g[i]!, kernelSize: 4, strides: 2, padding: 'same', useBias: false,
      name: `g_up${i}` }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.batchNormalization({ momentum: 0.9, name: `g_bn${i}` }).apply(h) as tf.SymbolicTensor;
    h = tf.layers.reLU().apply(h) as tf.SymbolicTensor;
  }
  const out = tf.layers.conv2dTranspose({ filters: channels, kernelSize: 4, strides: 2, padding: 'same', activation: 'tanh',
    name: 'g_out' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: z, outputs: out, name: 'generator' });
}

/** Shared conv trunk of D and E (E is initialised from D's conv weights). */
function convTrunk(x: tf.SymbolicTensor, widths: readonly number[]): tf.SymbolicTensor {
  let h = x;
  widths.forEach((f, i) => {
    h = tf.layers.conv2d({ filters: f, kernelSize: 4, strides: 2, padding: 'same', name: `conv${i + 1}` })
      .apply(h) as tf.SymbolicTensor;
    h = tf.layers.leakyReLU({ alpha: 0.2 }).apply(h) as tf.SymbolicTensor;
  });
  return tf.layers.flatten().apply(h) as tf.SymbolicTensor;
}

/** D: three stride-2 4×4 convs with LeakyReLU, then a linear score (logit). */
export function buildDiscriminator(w: GanWidths = DEFAULT_WIDTHS, channels = 1): tf.LayersModel {
  const x = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, channels], name: 'image' });
  const score = tf.layers.dense({ units: 1, name: 'score' }).apply(convTrunk(x, w.d)) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: score, name: 'discriminator' });
}

/** E: D's trunk → dense → latent. Linear output: z is Gaussian, not bounded. */
export function buildEncoder(latent = LATENT_SIZE, w: GanWidths = DEFAULT_WIDTHS, channels = 1): tf.LayersModel {
  const x = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, channels], name: 'image' });
  let h = tf.layers.dense({ units: 256, name: 'e_hidden' }).apply(convTrunk(x, w.d)) as tf.SymbolicTensor;
  h = tf.layers.leakyReLU({ alpha: 0.2 }).apply(h) as tf.SymbolicTensor;
  const z = tf.layers.dense({ units: latent, name: 'z' }).apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: z, name: 'encoder' });
}

/** Copies D's conv kernels/biases into E (same layer names), so E starts from D's features. */
export function copyConvWeights(from: tf.LayersModel, to: tf.LayersModel): number {
  let copied = 0;
  for (const layer of to.layers) {
    if (!layer.name.startsWith('conv')) continue;
    layer.setWeights(from.getLayer(layer.name).getWeights());
    copied++;
  }
  return copied;
}

/** C: small CNN, 32×32 in [-1,1] → 10 logits; the 'features' layer feeds FID and feature losses. */
export function buildClassifier(channels = 1): tf.LayersModel {
  const x = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, channels], name: 'image' });
  let h: tf.SymbolicTensor = x;
  for (const [i, f] of [16, 32, 64].entries()) {
    h = tf.layers.conv2d({ filters: f, kernelSize: 3, padding: 'same', activation: 'relu', name: `c_conv${i + 1}` })
      .apply(h) as tf.SymbolicTensor;
    h = tf.layers.maxPooling2d({ poolSize: 2 }).apply(h) as tf.SymbolicTensor;
  }
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  h = tf.layers.dropout({ rate: 0.3 }).apply(h) as tf.SymbolicTensor;
  const features = tf.layers.dense({ units: 128, activation: 'relu', name: 'features' }).apply(h) as tf.SymbolicTensor;
  const logits = tf.layers.dense({ units: 10, name: 'logits' }).apply(features) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: logits, name: 'classifier' });
}
