import type { GanUpscaleJobSpec, UpscaleJobSpec } from '../../../preload/contract/sr';
import type { OpContext } from '../ops/context';
import { getGenerator, ganUpscaleRaster } from '../ops/sr/gan-upscale';
import { cropRegion } from '../ops/sr/region';
import { upscaleRaster } from '../ops/sr/upscale';
import type { EngineJobResult } from '../protocol';
import { ImageStore } from './image-store';

type Handler<S> = (spec: S, ctx: OpContext, store: ImageStore) => Promise<EngineJobResult>;

/** Super-resolution job handlers; worker/jobs.ts spreads them into its handler map. */
export const srJobHandlers: { upscale: Handler<UpscaleJobSpec>; ganUpscale: Handler<GanUpscaleJobSpec> } = {
  upscale: async (spec, ctx, store) => {
    const input = cropRegion(await store.get(spec.imageId), spec.region);
    const out = await upscaleRaster(input, { model: spec.model, scale: spec.scale }, ctx);
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
