import { LatentshopError } from '../../../../../preload/contract/errors';
import { listFamilies, loadManifest, loadNetwork, resolveModelsRoot, type Network } from '../../../../../models/loader';

/**
 * Loaded inpainters, kept warm between calls: a batch runs the same net on every file,
 * and loading it per file would cost more than running it. A failed load is not cached.
 */
const cache = new Map<string, Promise<Network>>();

/**
 * Finds an installed network whose manifest role is `inpainter`: by network name or family
 * id when `which` is given, else the first one. MODEL_NOT_FOUND says what is installed.
 */
export async function getInpainter(which?: string, modelsRoot: string = resolveModelsRoot()): Promise<Network> {
  const families = (await listFamilies(modelsRoot)).filter((f) => f.roles.includes('inpainter'));
  const candidates: { dir: string; name: string; family: string }[] = [];
  for (const summary of families) {
    const family = await loadManifest(summary.path);
    for (const n of family.networks) if (n.role === 'inpainter') candidates.push({ dir: summary.path, name: n.name, family: family.id });
  }
  const pick = which === undefined ? candidates[0] : candidates.find((c) => c.name === which || c.family === which);
  if (!pick) {
    const installed = candidates.map((c) => `${c.family}/${c.name}`).join(', ');
    throw candidates.length === 0 ? LatentshopError.of('noInpainter', {}) : LatentshopError.of('inpainterNotInstalled', { name: which ?? '', installed });
  }
  const key = `${pick.dir}#${pick.name}`;
  let entry = cache.get(key);
  if (!entry) {
    entry = loadManifest(pick.dir).then((family) => loadNetwork(family, pick.name));
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

/** Frees every cached inpainter (tests, or before loading a bigger model). */
export async function disposeInpainters(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  for (const entry of entries) (await entry.catch(() => undefined))?.dispose();
}
