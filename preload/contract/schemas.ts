import { z } from 'zod';
import { latentJobSchemas, latentMethodSchemas } from './latent-schemas';
import { srJobSchemas } from './sr-schemas';
import type { MethodName } from './service';

/** Runtime schemas for every method's argument; main validates with these before anything runs. */
const empty = z.object({}).strict();
const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_-]+$/);
/** A path on disk, as long as the platforms allow. */
const filePath = z.string().min(1).max(4096);
const fileName = z.string().min(1).max(255).refine((n) => !/[\\/]/.test(n) && n !== '.' && n !== '..', 'name must not contain a path');

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
    method: z.enum(['fill', 'model', 'gan']),
    model: z.string().min(1).max(200).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
  })
  .strict();

export const jobSpecSchema = z.discriminatedUnion('op', [resizeJobSchema, inpaintJobSchema, ...latentJobSchemas, ...srJobSchemas]);

export const exportOptionsSchema = z
  .object({
    format: z.enum(['png', 'jpeg', 'webp', 'tiff']),
    quality: z.number().int().min(1).max(100).optional(),
    lossless: z.boolean().optional(),
    bitDepth: z.union([z.literal(8), z.literal(16)]).optional(),
    keepMetadata: z.boolean().optional(),
    overwrite: z.boolean().optional(),
  })
  .strict();

export const methodSchemas = {
  info: empty,
  openDialog: empty,
  openDropped: z.object({ paths: z.array(filePath).min(1).max(1000) }).strict(),
  upload: z
    .object({
      name: z.string().min(1).max(255).refine((n) => !/[\\/]/.test(n), 'name must not contain a path'),
      // 512 MiB of bytes is ~683 MiB of base64. An empty file passes, so the decoder can say it is empty.
      dataBase64: z.string().max(716_000_000),
      frame: z
        .object({ width: z.number().int().min(1).max(1_000_000), height: z.number().int().min(1).max(1_000_000), left: z.number().int().min(0), top: z.number().int().min(0) })
        .strict()
        .optional(),
    })
    .strict(),
  startJob: z.object({ spec: jobSpecSchema, priority: z.enum(['interactive', 'batch']).optional() }).strict(),
  cancelJob: z.object({ jobId: id }).strict(),
  exportImage: z
    .object({
      imageId: id,
      options: exportOptionsSchema,
      name: z.string().min(1).max(255).refine((n) => !/[\\/]/.test(n), 'name must not contain a path').optional(),
      folderId: id.optional(),
    })
    .strict(),
  releaseImage: z.object({ imageId: id }).strict(),
  chooseOutputFolder: empty,
  uploadBatchFile: z.object({ name: fileName, dataBase64: z.string().max(716_000_000) }).strict(),
  startBatch: z
    .object({
      files: z
        .array(z.object({ name: fileName, path: filePath.optional(), uploadId: id.optional(), folder: z.string().max(4096).optional() }).strict())
        .min(1)
        .max(10_000),
      method: z.enum(['fill', 'model', 'gan']),
      model: z.string().min(1).max(200).optional(),
      sharedMask: fileName.optional(),
      seed: z.number().int().min(0).max(2 ** 32 - 1).optional(),
    })
    .strict(),
  pauseBatch: z.object({ batchId: id }).strict(),
  resumeBatch: z.object({ batchId: id }).strict(),
  cancelBatch: z.object({ batchId: id }).strict(),
  batchStatus: z.object({ batchId: id.optional() }).strict(),
  ...latentMethodSchemas,
} satisfies Record<MethodName, z.ZodType>;

/** The preload's record of dropped files (IPC_DROP_CHANNEL): as many paths as a batch may hold. */
export const droppedPathsSchema = z.array(filePath).min(1).max(10_000);
