import type { JobPriority, JobSpec } from '../../../preload/contract/types';
import type { OpContext } from '../ops/context';
import { inpaintRaster } from '../ops/inpaint/inpaint';
import { inpaintFile } from '../ops/inpaint/inpaint-file';
import { resizeRaster } from '../ops/resize/resize';
import type { EngineJobResult } from '../protocol';
import { ImageStore } from './image-store';
import { srJobHandlers } from './sr-jobs';
import { latentJobHandlers } from './latent-jobs';

type Handler<S extends JobSpec> = (spec: S, ctx: OpContext, store: ImageStore, priority: JobPriority) => Promise<EngineJobResult>;
type HandlerMap = { [Op in JobSpec['op']]: Handler<Extract<JobSpec, { op: Op }>> };

/** One entry per job op: each later capability registers its handler here. */
const handlers: HandlerMap = {
  resize: async (spec, ctx, store) => {
    const source = await store.get(spec.imageId);
    const resized = await resizeRaster(source, spec, ctx);
    const id = await store.put(resized);
    return { kind: 'image', image: ImageStore.describe(id, resized) };
  },
  inpaint: async (spec, ctx, store) => {
    const [source, mask] = await Promise.all([store.get(spec.imageId), store.get(spec.maskId)]);
    const filled = await inpaintRaster(source, mask, spec, ctx);
    const id = await store.put(filled);
    return { kind: 'image', image: ImageStore.describe(id, filled) };
  },
  inpaintFile: async (spec, ctx) => ({ kind: 'file', ...(await inpaintFile(spec, ctx)) }),
  ...srJobHandlers,
  ...latentJobHandlers,
};

export function runJobSpec(spec: JobSpec, ctx: OpContext, store: ImageStore, priority: JobPriority = 'interactive'): Promise<EngineJobResult> {
  const handler = handlers[spec.op] as Handler<JobSpec>;
  return handler(spec, ctx, store, priority);
}
