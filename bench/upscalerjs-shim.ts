/**
 * Loads UpscalerJS 1.0's Node build on the tfjs instance we use. Its 'upscaler/node'
 * entry requires @tensorflow/tfjs-node, which cannot run here (no libtensorflow), so
 * we answer that require with @tensorflow/tfjs plus a file:// model loader. The model
 * code, patching and pre/post-processing are UpscalerJS's own, unchanged.
 */
import * as tf from '@tensorflow/tfjs';
import Module, { createRequire } from 'node:module';
import { fileSystemHandler } from '../models/loader';

export interface UpscalerLike {
  upscale(image: tf.Tensor3D, options: { output: 'tensor'; patchSize?: number; padding?: number }): Promise<tf.Tensor3D>;
  getModel(): Promise<unknown>;
  dispose(): Promise<void>;
}
type UpscalerCtor = new (options: { model: unknown }) => UpscalerLike;
type Loader = (request: string, ...rest: unknown[]) => unknown;

export async function createUpscalerJs(scale: 2 | 3 | 4 | 8): Promise<UpscalerLike> {
  const shim = { ...tf, loadLayersModel: (path: string) => tf.loadLayersModel(fileSystemHandler(path.replace(/^file:\/\//, ''))) };
  const mod = Module as unknown as { _load: Loader };
  const original = mod._load;
  mod._load = (request, ...rest) => (request === '@tensorflow/tfjs-node' ? shim : original(request, ...rest));
  try {
    const Upscaler = createRequire(import.meta.url)('upscaler/node') as UpscalerCtor;
    const definition = (await import(`@upscalerjs/esrgan-slim/${scale}x`)) as { default: unknown };
    const upscaler = new Upscaler({ model: definition.default });
    await upscaler.getModel();
    return upscaler;
  } finally {
    mod._load = original;
  }
}
