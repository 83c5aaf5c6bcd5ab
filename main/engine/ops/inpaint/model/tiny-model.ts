import * as tf from '@tensorflow/tfjs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The constant colour the tiny "constant" inpainter paints, in 0–1. */
export const TINY_COLOUR = [0.2, 0.6, 0.8] as const;

/**
 * Writes a model family with two real tfjs layers-models to `root/tiny-inpaint/`, to prove
 * the manifest → load → window → paste pipeline without shipping weights:
 * "constant" (fixed 64 × 64 × 4 input) paints TINY_COLOUR; "blur" (free size) averages
 * each 3 × 3 neighbourhood of the RGB channels and ignores the mask channel.
 */
export async function writeTinyInpainters(root: string): Promise<string> {
  const dir = join(root, 'tiny-inpaint');
  await mkdir(dir, { recursive: true });
  const constant = tf.sequential({
    layers: [tf.layers.conv2d({ inputShape: [64, 64, 4], filters: 3, kernelSize: 1, kernelInitializer: 'zeros', biasInitializer: 'zeros' })],
  });
  constant.layers[0]!.setWeights([tf.zeros([1, 1, 4, 3]), tf.tensor1d([...TINY_COLOUR])]);
  const blur = tf.sequential({
    layers: [tf.layers.conv2d({ inputShape: [null, null, 4], filters: 3, kernelSize: 3, padding: 'same', useBias: false })],
  });
  const kernel = new Float32Array(3 * 3 * 4 * 3);
  for (let k = 0; k < 9; k++) for (let c = 0; c < 3; c++) kernel[k * 12 + c * 3 + c] = 1 / 9;
  blur.layers[0]!.setWeights([tf.tensor4d(kernel, [3, 3, 4, 3])]);
  await save(constant, join(dir, 'constant'));
  await save(blur, join(dir, 'blur'));
  constant.dispose();
  blur.dispose();
  const manifest = {
    id: 'tiny-inpaint',
    title: 'Tiny test inpainters',
    networks: [
      { role: 'inpainter', name: 'constant', path: 'constant/model.json', input: { shape: [null, 64, 64, 4], range: [0, 1] }, output: { range: [0, 1] } },
      { role: 'inpainter', name: 'blur', path: 'blur/model.json', input: { shape: [null, null, null, 4], range: [-1, 1] }, output: { range: [-1, 1] } },
    ],
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

async function save(model: tf.LayersModel, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(artifacts.weightData as ArrayBuffer);
      await writeFile(join(dir, 'weights.bin'), weights);
      const json = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      await writeFile(join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}
