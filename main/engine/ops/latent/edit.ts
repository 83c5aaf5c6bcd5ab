import * as tf from '@tensorflow/tfjs';
import { LatentshopError } from '../../../../preload/contract/errors';
import { attributeTerms, combineLatent, interpolateLatent, loadAttributes } from './attributes';
import { domainDeltaToRegion, mappingFor, type RegionDelta } from './domain';
import type { LatentFamily } from './family';
import type { LatentSession } from './sessions';

export interface EditRequest {
  attributes: Record<string, number>;
  useConstrained?: boolean;
  /** 0 = z0, 1 = z*; default 1. */
  interpolation?: number;
  /** Gallery index of the constrained candidate; default 0 (the best). */
  candidate?: number;
}

/** z' = (z0, or z0 + t(z* − z0)) + Σ α_i v_i. */
export async function editedLatent(fam: LatentFamily, session: LatentSession, req: EditRequest): Promise<number[]> {
  let base = session.z;
  if (req.useConstrained) {
    const star = session.candidates[req.candidate ?? 0];
    if (!star) throw LatentshopError.of('noConstraintResult', {});
    base = interpolateLatent(session.z, star, req.interpolation ?? 1);
  }
  const names = Object.keys(req.attributes);
  if (names.length === 0) return base;
  return combineLatent(base, attributeTerms(await loadAttributes(fam), req.attributes));
}

/**
 * The edit as a change over the session's region (grey, or R, G, B for a colour family): G(z') − G(z0), mapped back through
 * the session's domain mapping. Only the difference moves, so the photo keeps its detail.
 */
export function editDelta(fam: LatentFamily, session: LatentSession, edited: number[]): RegionDelta {
  const L = fam.latentSize;
  const diff = tf.tidy(() => {
    const out = fam.generate(tf.tensor2d([...session.z, ...edited], [2, L]));
    const [a, b] = tf.split(out, 2);
    return b!.sub(a!).dataSync() as Float32Array;
  });
  return domainDeltaToRegion(diff, mappingFor(session.region, session.polarity, fam.domain));
}
