import type { ConstrainJobSpec, ConstrainResult } from '../../../../preload/contract/latent';
import type { OpContext } from '../context';
import { domainDataUrl } from './codec';
import { mappingFor } from './domain';
import { constrainLatent } from './constrain';
import { getLatentFamily } from './family';
import { generateValues } from './invert';
import type { LatentSessionStore } from './sessions';
import { rasteriseStrokes } from './strokes';

/**
 * The constrain job: strokes (photo pixels) → domain masks → K candidates z*, stored in the
 * session (best first) so previewEdit/applyEdit can use them. A preview goes out after the
 * first step (fast feedback after a stroke) and every 10 steps.
 */
export async function constrainSession(spec: ConstrainJobSpec, ctx: OpContext, sessions: LatentSessionStore): Promise<ConstrainResult> {
  const session = await sessions.get(spec.sessionId);
  const fam = await getLatentFamily(session.family);
  const invertBack = session.polarity === 'inverted';
  const masks = rasteriseStrokes(spec.strokes, mappingFor(session.region, session.polarity, fam.domain));
  const opts = {
    signal: ctx.signal,
    onStep: async (k: number, n: number, best: () => Float32Array) => {
      const fraction = (0.95 * k) / n;
      if (k === 1 || k % 10 === 0) ctx.progress(fraction, `iteration ${k}/${n}`, await domainDataUrl(best(), fam.domain, invertBack));
      else ctx.progress(fraction, `iteration ${k}/${n}`);
    },
    ...(spec.stayClose === undefined ? {} : { stayClose: spec.stayClose }),
    ...(spec.realism === undefined ? {} : { realism: spec.realism }),
    ...(spec.candidates === undefined ? {} : { candidates: spec.candidates }),
    ...(spec.iterations === undefined ? {} : { iterations: spec.iterations }),
  };
  // Warm start from the current best result, so painting more strokes refines rather than restarts.
  const outcome = await constrainLatent(fam, session.z, session.candidates[0] ?? session.z, masks, opts);
  await sessions.update(session.id, { candidates: outcome.candidates.map((c) => Array.from(c.z)) });
  const images = generateValues(fam, Float32Array.from(outcome.candidates.flatMap((c) => Array.from(c.z))), outcome.candidates.length);
  const px = fam.domain.width * fam.domain.height * fam.domain.channels;
  const candidates = await Promise.all(
    outcome.candidates.map(async (c, i) => ({
      z: Array.from(c.z),
      constraintError: c.constraintError,
      realism: c.realism,
      imageUrl: await domainDataUrl(images.subarray(i * px, (i + 1) * px), fam.domain, invertBack),
    })),
  );
  ctx.progress(1, 'done');
  return { kind: 'constrained', sessionId: session.id, candidates, constraintErrorBefore: outcome.constraintErrorBefore, ms: outcome.ms };
}
