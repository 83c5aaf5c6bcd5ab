import { basename } from 'node:path';
import { LatentshopError } from '../../../../preload/contract/errors';
import type { ExportResult, InpaintFileJobSpec } from '../../../../preload/contract/types';
import { exportRaster } from '../../io/atomic-write';
import { decodeImageFile } from '../../io/decode';
import { formatFromPath } from '../../io/formats';
import { type OpContext, subContext, throwIfCancelled } from '../context';
import { inpaintRaster } from './inpaint';

/**
 * Batch work for one file, entirely in the engine: decode the image and its mask, inpaint,
 * and write the result atomically (metadata kept, an existing file never replaced), so
 * no pixels travel through main. Errors name the image, and the mask when it is at fault.
 */
export async function inpaintFile(spec: InpaintFileJobSpec, ctx: OpContext): Promise<ExportResult> {
  ctx.progress(0, 'decode');
  const [image, mask] = await Promise.all([decodeImageFile(spec.inputPath), decodeImageFile(spec.maskPath)]);
  throwIfCancelled(ctx.signal);
  let filled;
  try {
    filled = await inpaintRaster(image, mask, spec, subContext(ctx, 0.05, 0.9));
  } catch (error) {
    if (!(error instanceof LatentshopError) || error.code !== 'BAD_ARGUMENT') throw error;
    throw LatentshopError.of('aboutImageAndMask', { image: basename(spec.inputPath), mask: basename(spec.maskPath), detail: error.message }, spec.inputPath, error.toData());
  }
  throwIfCancelled(ctx.signal);
  ctx.progress(0.9, 'encode');
  const format = formatFromPath(spec.outputPath) ?? image.metadata.format ?? 'png';
  const result = await exportRaster(filled, spec.outputPath, { format, overwrite: false });
  ctx.progress(1, 'done');
  return result;
}
