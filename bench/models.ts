/**
 * Fashion family quality bench: Fréchet distance in C's 'features' space
 * (10k G samples vs the 10k test images, and train vs test as the floor),
 * C's test accuracy, E's reconstruction PSNR/SSIM on the test set, and how
 * often adding a class attribute direction makes C see that class.
 * Also writes assets/fashion-samples.png and assets/fashion-interpolation.png.
 */
import * as tf from '@tensorflow/tfjs';
import '../models/kernels/wasm-conv2d-backprop-filter';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fitGaussian, frechetDistance } from '../models/metrics/frechet';
import { layerModel, predictRows } from '../models/metrics/batched';
import { evaluateAttributes, type AttributeFile } from '../models/metrics/attributes';
import { reconstructionQuality } from '../models/metrics/reconstruction';
import { loadFashion, SIDE, toFloat } from '../models/training/data';
import { latentBatch } from '../models/training/gan';
import { writeGrid } from '../models/training/grid';
import { loadModel } from '../models/training/io';
import { Rng } from '../models/training/rng';
import { accuracy } from '../models/training/train-classifier';

const FAMILY = join(import.meta.dirname, '..', 'models', 'fashion');
const ASSETS = join(import.meta.dirname, '..', 'assets');

export async function run(options: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const n = options.quick ? 2000 : 10000;
  await tf.setBackend('wasm');
  const [G, E, C] = await Promise.all(['generator', 'encoder', 'classifier'].map((m) => loadModel(join(FAMILY, m))));
  const latent = G!.inputs[0]!.shape[1]!;
  const test = loadFashion('t10k', undefined, n);
  const train = loadFashion('train');
  const rng = new Rng(2026);
  const trainIdx = Array.from({ length: n }, () => rng.int(train.count));
  const features = layerModel(C!, 'features');
  const feats = (make: (s: number, k: number) => tf.Tensor): ReturnType<typeof fitGaussian> => {
    const { rows, dim } = predictRows(features, n, make);
    return fitGaussian(rows, n, dim);
  };
  const image = (set: typeof test, idx: (i: number) => number) => (s: number, k: number): tf.Tensor =>
    tf.tensor4d(toFloat(set, Array.from({ length: k }, (_, j) => idx(s + j))), [k, SIDE, SIDE, 1]);
  const zRng = new Rng(7);
  const t0 = Date.now();
  const gTest = feats(image(test, (i) => i));
  const gTrain = feats(image(train, (i) => trainIdx[i]!));
  const gGen = feats((_s, k) => G!.predict(latentBatch(zRng, k, latent)) as tf.Tensor);
  const fid = { generatedVsTest: frechetDistance(gGen, gTest), trainVsTest: frechetDistance(gTrain, gTest) };
  const recon = reconstructionQuality(G!, E!, test);
  const attrs = JSON.parse(readFileSync(join(FAMILY, 'attributes.json'), 'utf8')) as AttributeFile;
  const attributes = evaluateAttributes(G!, C!, attrs, new Rng(11), options.quick ? 200 : 1000);
  await writeAssets(G!, latent);
  const result = {
    samples: n,
    featureSpace: 'classifier/features (128-d)',
    frechet: { ...fid, ratioToFloor: fid.generatedVsTest / fid.trainVsTest },
    classifierTestAccuracy: accuracy(C!, loadFashion('t10k')),
    encoder: recon,
    attributes,
    evalSeconds: (Date.now() - t0) / 1000,
  };
  for (const m of [G!, E!, C!]) m.dispose();
  return result;
}

async function writeAssets(G: tf.LayersModel, latent: number): Promise<void> {
  const samples = tf.tidy(() => G.predict(latentBatch(new Rng(2027), 64, latent)) as tf.Tensor);
  await writeGrid(join(ASSETS, 'fashion-samples.png'), samples.dataSync() as Float32Array, 64, SIDE, 8, 3);
  samples.dispose();
  // Linear interpolation between random endpoints: 6 rows of 10 frames.
  const rows = 6;
  const frames = 10;
  const rng = new Rng(2028);
  const z = new Float32Array(rows * frames * latent);
  for (let r = 0; r < rows; r++) {
    const a = rng.normals(latent);
    const b = rng.normals(latent);
    for (let f = 0; f < frames; f++) {
      const t = f / (frames - 1);
      for (let j = 0; j < latent; j++) z[(r * frames + f) * latent + j] = (1 - t) * a[j]! + t * b[j]!;
    }
  }
  const strip = tf.tidy(() => G.predict(tf.tensor2d(z, [rows * frames, latent])) as tf.Tensor);
  await writeGrid(join(ASSETS, 'fashion-interpolation.png'), strip.dataSync() as Float32Array, rows * frames, SIDE, frames, 3);
  strip.dispose();
}
