import { z } from 'zod';
import type { MethodName } from './service';

/** Runtime schemas for every method's argument; main validates with these before anything runs. */
const empty = z.object({}).strict();
const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/);

export const resizeJobSchema = z
  .object({
    op: z.literal('resize'),
    imageId: id,
    scale: z.number().finite().min(0.01).max(16).optional(),
    width: z.number().int().min(1).max(65535).optional(),
    height: z.number().int().min(1).max(65535).optional(),
  })
  .strict()
  .refine((spec) => spec.scale !== undefined || (spec.width !== undefined && spec.height !== undefined), {
    message: 'resize needs a scale, or both width and height',
  });

export const inpaintJobSchema = z
  .object({
    op: z.literal('inpaint'),
    imageId: id,
    maskId: id,
    method: z.enum(['fill']),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  })
  .strict();

export const jobSpecSchema = z.discriminatedUnion('op', [resizeJobSchema, inpaintJobSchema]);

export const exportOptionsSchema = z
  .object({
    format: z.enum(['png', 'jpeg', 'webp', 'tiff']),
    quality: z.number().int().min(1).max(100).optional(),
    bitDepth: z.union([z.literal(8), z.literal(16)]).optional(),
    keepMetadata: z.boolean().optional(),
    overwrite: z.boolean().optional(),
  })
  .strict();

export const methodSchemas = {
  info: empty,
  openDialog: empty,
  openDropped: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(1000) }).strict(),
  upload: z
    .object({
      name: z.string().min(1).max(255).refine((n) => !/[\\/]/.test(n), 'name must not contain a path'),
      // 512 MiB of bytes is ~683 MiB of base64.
      dataBase64: z.string().min(1).max(716_000_000),
    })
    .strict(),
  startJob: z.object({ spec: jobSpecSchema, priority: z.enum(['interactive', 'batch']).optional() }).strict(),
  cancelJob: z.object({ jobId: id }).strict(),
  exportImage: z
    .object({
      imageId: id,
      options: exportOptionsSchema,
      name: z.string().min(1).max(255).refine((n) => !/[\\/]/.test(n), 'name must not contain a path').optional(),
    })
    .strict(),
  releaseImage: z.object({ imageId: id }).strict(),
} satisfies Record<MethodName, z.ZodType>;
