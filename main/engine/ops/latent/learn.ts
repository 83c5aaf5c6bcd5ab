import type { AttributeResult, LearnAttributeJobSpec } from '../../../../preload/contract/latent';
import type { OpContext } from '../context';
import { attributeInfo, saveUserAttribute, type StoredAttribute } from './attributes';
import { clampRegion, photoToDomain } from './domain';
import { domainPixels, getLatentFamily, type LatentFamily } from './family';
import { invertImages } from './invert';
import type { ImageSource } from './preview';

/** Per-image cost caps for learning: many images, so fewer steps than an interactive invert. */
const LEARN_ITERATIONS = { optimize: 200, hybrid: 50, encoder: 0 } as const;

/** Mean z of each set minus the other's: the direction from negatives to positives. */
export function meanDifference(pos: Float32Array, neg: Float32Array, latentSize: number): number[] {
  const mean = (z: Float32Array, j: number): number => {
    let sum = 0;
    for (let i = j; i < z.length; i += latentSize) sum += z[i] ?? 0;
    return sum / (z.length / latentSize);
  };
  return Array.from({ length: latentSize }, (_, j) => mean(pos, j) - mean(neg, j));
}

async function invertAll(fam: LatentFamily, ids: string[], getImage: ImageSource, spec: LearnAttributeJobSpec, ctx: OpContext, span: [number, number]): Promise<Float32Array> {
  const px = domainPixels(fam);
  const targets = new Float32Array(ids.length * px);
  for (const [i, id] of ids.entries()) {
    const photo = await getImage(id);
    targets.set(photoToDomain(photo, clampRegion(photo), fam.domain).values, i * px);
  }
  const result = await invertImages(fam, targets, ids.length, {
    method: spec.method,
    iterations: LEARN_ITERATIONS[spec.method],
    starts: spec.method === 'optimize' ? 2 : 1,
    signal: ctx.signal,
    onStep: (k, n) => ctx.progress(span[0] + ((span[1] - span[0]) * k) / n, `invert ${k}/${n}`),
  });
  return result.z;
}

/** The learnAttribute job: invert both sets, take the mean difference, store it as a user attribute. */
export async function learnAttribute(spec: LearnAttributeJobSpec, ctx: OpContext, getImage: ImageSource): Promise<AttributeResult> {
  ctx.progress(0, 'load model');
  const fam = await getLatentFamily(spec.family);
  const pos = await invertAll(fam, spec.positives, getImage, spec, ctx, [0.02, 0.5]);
  const neg = await invertAll(fam, spec.negatives, getImage, spec, ctx, [0.5, 0.98]);
  const attribute: StoredAttribute = {
    name: spec.name,
    kind: 'mean-difference',
    vector: meanDifference(pos, neg, fam.latentSize),
    provenance: { method: spec.method, positives: spec.positives.length, negatives: spec.negatives.length, createdAt: new Date().toISOString() },
  };
  await saveUserAttribute(fam.id, fam.latentSize, attribute);
  ctx.progress(1, 'saved');
  return { kind: 'attribute', family: fam.id, attribute: attributeInfo(attribute, true) };
}
