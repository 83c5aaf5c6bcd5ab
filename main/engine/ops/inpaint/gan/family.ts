import { basename } from 'node:path';
import { LatentshopError } from '../../../../../preload/contract/errors';
import { listFamilies, resolveModelsRoot } from '../../../../../models/loader';
import { getLatentFamily, type LatentFamily } from '../../latent/family';

/** The family the app ships; preferred when the caller names none. */
const DEFAULT_FAMILY = 'fashion';

/**
 * The GAN family for `gan` completion: `which` (a family id or folder name), else the
 * shipped `fashion` family, else the first installed family with a generator and a
 * discriminator (both are needed: G completes, D is the prior). MODEL_NOT_FOUND names
 * what is installed.
 */
export async function ganFamily(which?: string, modelsRoot: string = resolveModelsRoot()): Promise<LatentFamily> {
  const families = (await listFamilies(modelsRoot)).filter((f) => f.roles.includes('generator') && f.roles.includes('discriminator'));
  const named = (id: string) => families.find((f) => f.id === id || basename(f.path) === id);
  const pick = which === undefined ? (named(DEFAULT_FAMILY) ?? families[0]) : named(which);
  if (!pick) {
    throw families.length === 0
      ? LatentshopError.of('noGanFamily', { folder: modelsRoot })
      : LatentshopError.of('ganFamilyNotInstalled', { name: which ?? '', installed: families.map((f) => f.id).join(', ') });
  }
  return getLatentFamily(basename(pick.path), modelsRoot);
}
