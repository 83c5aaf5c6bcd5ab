import type { LatentJobSpec } from '../../../preload/contract/latent';
import type { OpContext } from '../ops/context';
import { applyEdit } from '../ops/latent/apply-edit';
import { constrainSession } from '../ops/latent/constrain-job';
import { getLatentFamily } from '../ops/latent/family';
import { invertToSession } from '../ops/latent/invert-job';
import { learnAttribute } from '../ops/latent/learn';
import { sampleGrid } from '../ops/latent/sample';
import { latentSessions } from '../ops/latent/sessions';
import type { EngineJobResult } from '../protocol';
import { ImageStore } from './image-store';

type LatentHandlers = {
  [Op in LatentJobSpec['op']]: (spec: Extract<LatentJobSpec, { op: Op }>, ctx: OpContext, store: ImageStore) => Promise<EngineJobResult>;
};

/** Job handlers of the latent tools; jobs.ts spreads them into its table. */
export const latentJobHandlers: LatentHandlers = {
  sample: async (spec) => {
    const { kind, family, gridUrl, latents } = await sampleGrid(await getLatentFamily(spec.family), spec.count, spec.seed);
    return { kind, family, gridUrl, latents };
  },
  invert: async (spec, ctx, store) => invertToSession(spec, await store.get(spec.imageId), ctx, latentSessions(store.cacheDir)),
  applyEdit: async (spec, ctx, store) => {
    const edited = await applyEdit(spec, ctx, (id) => store.get(id), latentSessions(store.cacheDir));
    const id = await store.put(edited);
    return { kind: 'image', image: ImageStore.describe(id, edited) };
  },
  learnAttribute: (spec, ctx, store) => learnAttribute(spec, ctx, (id) => store.get(id)),
  constrain: (spec, ctx, store) => constrainSession(spec, ctx, latentSessions(store.cacheDir)),
};
