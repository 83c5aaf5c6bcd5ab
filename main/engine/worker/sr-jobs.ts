import { LatentshopError } from '../../../preload/contract/errors';
import type { GanUpscaleJobSpec, UpscaleJobSpec } from '../../../preload/contract/sr';
import type { JobPriority } from '../../../preload/contract/types';
import type { OpContext } from '../ops/context';
import { getGenerator, ganUpscaleRaster } from '../ops/sr/gan-upscale';
import { cropRegion, cropUpscaled, regionWithContext } from '../ops/sr/region';
import { THROUGHPUT_TILE_FLOPS } from '../ops/sr/tile-size';
import { upscaleRaster } from '../ops/sr/upscale';
import type { EngineJobResult } from '../protocol';
import { ImageStore } from './image-store';

type Handler<S> = (spec: S, ctx: OpContext, store: ImageStore, priority?: JobPriority) => Promise<EngineJobResult>;

/** Results past this are refused before any work: 400 MP of RGB is 1.2 GB in memory, more at 16 bits. */
const MAX_OUTPUT_PIXELS = 400e6;

export function checkOutputSize(width: number, height: number, scale: number): void {
  if (width * scale * height * scale <= MAX_OUTPUT_PIXELS) return;
  const mp = Math.round((width * scale * height * scale) / 1e6);
  throw LatentshopError.of('upscaleTooLarge', { mp, limit: 400 });
}

/** Super-resolution job handlers; worker/jobs.ts spreads them into its handler map. */
export const srJobHandlers: { upscale: Handler<UpscaleJobSpec>; ganUpscale: Handler<GanUpscaleJobSpec> } = {
  upscale: async (spec, ctx, store, priority) => {
    const image = await store.get(spec.imageId);
    const { outer, inner } = regionWithContext(image, spec.region);
    checkOutputSize(spec.region?.width ?? image.width, spec.region?.height ?? image.height, spec.scale);
    const input = cropRegion(image, outer);
    // A batch file has no one watching its progress bar: big tiles, less overlap (interactive
    // tiles take up to ~1.25× as long, tile-size.ts). Cancel stays prompt: tiles run layer by layer.
    const tiles = priority === 'batch' ? { tileFlops: THROUGHPUT_TILE_FLOPS } : {};
    const out = cropUpscaled(await upscaleRaster(input, { model: spec.model, scale: spec.scale, ...tiles }, ctx), inner, spec.scale);
    const id = await store.put(out);
    return { kind: 'image', image: ImageStore.describe(id, out) };
  },
  ganUpscale: async (spec, ctx, store) => {
    const input = cropRegion(await store.get(spec.imageId), spec.region);
    const generator = await getGenerator(spec.family);
    const options = {
      ...(spec.steps !== undefined && { steps: spec.steps }),
      ...(spec.restarts !== undefined && { restarts: spec.restarts }),
      ...(spec.priorWeight !== undefined && { priorWeight: spec.priorWeight }),
      ...(spec.seed !== undefined && { seed: spec.seed }),
    };
    const { image, fit } = await ganUpscaleRaster(input, generator, spec.scale ?? 4, options, ctx);
    const id = await store.put(image);
    const metrics = { consistencyRmse: fit.consistencyRmse, initialRmse: fit.initialRmse, steps: fit.steps };
    return { kind: 'image', image: ImageStore.describe(id, image), metrics };
  },
};
