/**
 * Hybrid codes for attribute calibration (attributes-task.ts): the engine's own inversion,
 * at its defaults, so each recommended strength is chosen on the codes the Edit panel edits.
 * The training CLI is a composition root, like the bench, so it may reach into the engine.
 */
import { basename, dirname, resolve } from 'node:path';
import { getLatentFamily } from '../../main/engine/ops/latent/family.js';
import { invertImages } from '../../main/engine/ops/latent/invert.js';
import type { CalibrationCodes } from './attributes-task.js';

export async function hybridCalibration(familyDir: string): Promise<CalibrationCodes> {
  const dir = resolve(familyDir);
  const fam = await getLatentFamily(basename(dir), dirname(dir));
  return {
    method: 'hybrid',
    encode: async (images, count) => (await invertImages(fam, images, count, { method: 'hybrid' })).z,
  };
}
