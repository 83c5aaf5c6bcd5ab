import { z } from 'zod';

/** zod schemas of the super-resolution job specs (see sr.ts). */
const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/);
const scale = z.union([z.literal(2), z.literal(3), z.literal(4), z.literal(8)]);
const region = z
  .object({
    x: z.number().int().min(0).max(65535),
    y: z.number().int().min(0).max(65535),
    width: z.number().int().min(1).max(65535),
    height: z.number().int().min(1).max(65535),
  })
  .strict();

export const upscaleJobSchema = z
  .object({
    op: z.literal('upscale'),
    imageId: id,
    model: z.enum(['esrgan-slim', 'esrgan-medium', 'esrgan-thick']),
    scale,
    region: region.optional(),
  })
  .strict();

export const ganUpscaleJobSchema = z
  .object({
    op: z.literal('ganUpscale'),
    imageId: id,
    family: z.string().min(1).max(100).regex(/^[A-Za-z0-9_.-]+$/),
    scale: scale.optional(),
    region: region.optional(),
    steps: z.number().int().min(1).max(2000).optional(),
    restarts: z.number().int().min(1).max(16).optional(),
    priorWeight: z.number().finite().min(0).max(10).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  })
  .strict();

export const srJobSchemas = [upscaleJobSchema, ganUpscaleJobSchema] as const;
