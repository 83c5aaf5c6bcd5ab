import { z } from 'zod';

/**
 * Runtime schemas of the latent tools (latent.ts). Kept apart from schemas.ts so the
 * latent contract can grow without touching the shared file more than once.
 */
const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/);
/** Family ids follow the manifest rule (models/loader/manifest-schema.ts). */
export const familyId = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/);
/** Attribute names are file-safe and URL-safe: lower-case letters, digits, dashes. */
export const attributeName = z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'attribute names are lower-case letters, digits and dashes (at most 41)');
/** α beyond ±3 leaves the region G was trained on; the UI slider spans the same range. */
export const strength = z.number().finite().min(-3).max(3);
const attributes = z.record(attributeName, strength).refine((r) => Object.keys(r).length <= 32, 'at most 32 attributes at once');
const seed = z.number().int().min(0).max(2 ** 32 - 1);
const inversionMethod = z.enum(['optimize', 'encoder', 'hybrid']);
const side = z.number().int().min(0).max(65535);

export const rectSchema = z
  .object({ x: side, y: side, width: side.min(1), height: side.min(1) })
  .strict();

export const sampleJobSchema = z
  .object({ op: z.literal('sample'), family: familyId, count: z.number().int().min(1).max(256), seed: seed.optional() })
  .strict();

export const invertJobSchema = z
  .object({
    op: z.literal('invert'),
    imageId: id,
    family: familyId,
    method: inversionMethod,
    region: rectSchema.optional(),
    iterations: z.number().int().min(1).max(5000).optional(),
    starts: z.number().int().min(1).max(16).optional(),
    pixelLoss: z.enum(['l2', 'l1']).optional(),
  })
  .strict();

export const applyEditJobSchema = z
  .object({
    op: z.literal('applyEdit'),
    sessionId: id,
    attributes,
    useConstrained: z.boolean().optional(),
    interpolation: z.number().finite().min(0).max(1).optional(),
    candidate: z.number().int().min(0).max(63).optional(),
    feather: z.number().finite().min(0).max(4096).optional(),
  })
  .strict();

export const learnAttributeJobSchema = z
  .object({
    op: z.literal('learnAttribute'),
    family: familyId,
    name: attributeName,
    positives: z.array(id).min(1).max(1000),
    negatives: z.array(id).min(1).max(1000),
    method: inversionMethod,
  })
  .strict();

const point = z.object({ x: z.number().finite().min(-1e6).max(1e6), y: z.number().finite().min(-1e6).max(1e6) }).strict();

export const strokeSchema = z
  .object({
    kind: z.enum(['colour', 'sketch', 'erase']),
    colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'colour must be #rrggbb').optional(),
    size: z.number().finite().min(0.5).max(4096),
    points: z.array(point).min(1).max(10_000),
  })
  .strict()
  .refine((s) => s.kind !== 'colour' || s.colour !== undefined, { message: 'colour strokes need a colour', path: ['colour'] });

export const constrainJobSchema = z
  .object({
    op: z.literal('constrain'),
    sessionId: id,
    strokes: z.array(strokeSchema).min(1).max(500),
    stayClose: z.number().finite().min(0).max(1000).optional(),
    realism: z.number().finite().min(0).max(100).optional(),
    candidates: z.number().int().min(1).max(16).optional(),
    iterations: z.number().int().min(1).max(2000).optional(),
  })
  .strict();

export const latentJobSchemas = [sampleJobSchema, invertJobSchema, applyEditJobSchema, learnAttributeJobSchema, constrainJobSchema] as const;

export const latentMethodSchemas = {
  previewEdit: z
    .object({
      sessionId: id,
      attributes,
      useConstrained: z.boolean().optional(),
      interpolation: z.number().finite().min(0).max(1).optional(),
      maxSide: z.number().int().min(16).max(2048).optional(),
      candidate: z.number().int().min(0).max(15).optional(),
    })
    .strict(),
  listAttributes: z.object({ family: familyId }).strict(),
  removeAttribute: z.object({ family: familyId, name: attributeName }).strict(),
  closeLatentSession: z.object({ sessionId: id }).strict(),
  modelSamples: z.object({ family: familyId, count: z.number().int().min(1).max(64), seed: seed.optional() }).strict(),
  // Bounded so a malformed code cannot allocate much; real families are far smaller.
  generate: z.object({ family: familyId, z: z.array(z.number().finite().min(-100).max(100)).min(1).max(4096) }).strict(),
  analyzeImage: z.object({ imageId: id, family: familyId, region: rectSchema.optional() }).strict(),
};
