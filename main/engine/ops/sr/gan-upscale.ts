import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import { join } from 'node:path';
import { LatentshopError } from '../../../../preload/contract/errors';
import { loadManifest, loadNetwork, resolveModelsRoot } from '../../../../models/loader';
import { maxValue, type RasterImage } from '../../io/raster';
import { subContext, type OpContext } from '../context';
import { invertLowRes, type GanPriorOptions, type GanPriorResult, type LatentGenerator } from './gan-prior';

/** Generators stay loaded between calls (one per family), like the SR nets. */
const generators = new Map<string, Promise<LatentGenerator>>();

/** The family's generator, described from its manifest (latentSize, output shape and range). */
export function getGenerator(family: string, modelsRoot?: string): Promise<LatentGenerator> {
  let entry = generators.get(family);
  if (!entry) {
    entry = (async () => {
      const manifest = await loadManifest(join(modelsRoot ?? resolveModelsRoot(), family));
      const network = await loadNetwork(manifest, 'generator');
      if (!(network.model instanceof tf.LayersModel)) {
        network.dispose();
        throw new LatentshopError('MODEL_INVALID', `GAN-prior upscaling needs a layers-model generator; "${family}" has a graph model.`, network.modelPath);
      }
      const [, h, w, c] = network.spec.output.shape ?? [];
      const latentSize = manifest.latentSize ?? Number(network.spec.input.shape?.[1]);
      if (![h, w, c, latentSize].every((n) => Number(n) > 0)) {
        network.dispose();
        throw new LatentshopError('MODEL_INVALID', `The generator of "${family}" needs a fixed output shape [n, h, w, c] and a latent size in its manifest.`, manifest.manifestPath);
      }
      const range = network.spec.output.range;
      return { model: network.model, latentSize, range: [range[0], range[1]], height: Number(h), width: Number(w), channels: Number(c) };
    })();
    entry.catch(() => generators.delete(family));
    generators.set(family, entry);
  }
  return entry;
}

export async function disposeGenerators(): Promise<void> {
  const entries = [...generators.values()];
  generators.clear();
  for (const entry of entries) (await entry.catch(() => undefined))?.model.dispose();
}

/**
 * GAN-prior super-resolution of a raster: the input (grey or colour, on 0–1 in the
 * generator's channel count) is the low-resolution view of some G(z); G(z*) is resized
 * (Lanczos-3) to input × scale. Output keeps the generator's channels and the input's depth.
 */
export async function ganUpscaleRaster(raster: RasterImage, gen: LatentGenerator, scale: number, options: GanPriorOptions, ctx: OpContext): Promise<{ image: RasterImage; fit: GanPriorResult }> {
  const lr = toUnit(raster, gen.channels);
  const fit = await invertLowRes(lr, raster.width, raster.height, gen, options, subContext(ctx, 0, 0.95));
  const max = maxValue(raster.bitDepth);
  const depth = raster.bitDepth === 16 ? 'ushort' : 'uchar';
  const pixels = raster.bitDepth === 16 ? Uint16Array.from(fit.image, (v) => Math.round(v * max)) : Uint8Array.from(fit.image, (v) => Math.round(v * max));
  const { data } = await sharp(pixels, { raw: { width: gen.width, height: gen.height, channels: gen.channels as 1 | 3 | 4 } })
    .resize(raster.width * scale, raster.height * scale, { kernel: 'lanczos3', fit: 'fill' })
    .toColourspace(gen.channels === 1 ? (raster.bitDepth === 16 ? 'grey16' : 'b-w') : raster.bitDepth === 16 ? 'rgb16' : 'srgb')
    .raw({ depth })
    .toBuffer({ resolveWithObject: true });
  const copy = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const out = raster.bitDepth === 16 ? new Uint16Array(copy) : new Uint8Array(copy);
  ctx.progress(1, 'resize');
  const channels = gen.channels as RasterImage['channels'];
  return { image: { width: raster.width * scale, height: raster.height * scale, channels, bitDepth: raster.bitDepth, data: out, metadata: { ...raster.metadata } }, fit };
}

/** Pixels on 0–1 with `channels` channels: grey is the mean of RGB, alpha is dropped, grey is replicated to colour. */
function toUnit(raster: RasterImage, channels: number): Float32Array {
  const { width, height, channels: c, data } = raster;
  const max = maxValue(raster.bitDepth);
  const colour = c >= 3;
  const out = new Float32Array(width * height * channels);
  for (let p = 0; p < width * height; p += 1) {
    const i = p * c;
    const rgb = colour ? [data[i]!, data[i + 1]!, data[i + 2]!] : [data[i]!, data[i]!, data[i]!];
    if (channels === 1) out[p] = (rgb[0]! + rgb[1]! + rgb[2]!) / (3 * max);
    else for (let k = 0; k < channels; k += 1) out[p * channels + k] = (rgb[Math.min(k, 2)] ?? 0) / max;
  }
  return out;
}
