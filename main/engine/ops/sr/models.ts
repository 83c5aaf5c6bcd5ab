import { join } from 'node:path';
import { loadManifest, loadNetwork, resolveModelsRoot, type ModelFamily, type Network } from '../../../../models/loader';
import { networkTileNet, type TileNet } from './tile-net';

export const SR_MODELS = ['esrgan-slim', 'esrgan-medium', 'esrgan-thick'] as const;
export type SrModelName = (typeof SR_MODELS)[number];
export const SR_SCALES = [2, 3, 4, 8] as const;
export type SrScale = (typeof SR_SCALES)[number];

export const SR_FAMILY = 'sr-esrgan';

export interface LoadedSrNet {
  network: Network;
  tileNet: TileNet;
}

/**
 * Loaded SR nets, kept warm between calls because loading thick takes ~0.4 s and
 * upscaling is often repeated. `disposeSrNets()` frees them (tests, memory pressure).
 */
const cache = new Map<string, Promise<LoadedSrNet>>();
let family: Promise<ModelFamily> | undefined;

export function getSrNet(model: SrModelName, scale: SrScale, modelsRoot?: string): Promise<LoadedSrNet> {
  const key = `${model}-x${scale}`;
  let entry = cache.get(key);
  if (!entry) {
    family ??= loadManifest(join(modelsRoot ?? resolveModelsRoot(), SR_FAMILY));
    entry = family.then(async (f) => {
      const network = await loadNetwork(f, key);
      return { network, tileNet: networkTileNet(network) };
    });
    // A failed load must not stick in the cache: the next call retries.
    entry.catch(() => cache.delete(key));
    cache.set(key, entry);
  }
  return entry;
}

export async function disposeSrNets(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  family = undefined;
  for (const entry of entries) {
    try {
      const net = await entry;
      net.tileNet.dispose?.();
      net.network.dispose();
    } catch {
      // A load that failed has nothing to dispose.
    }
  }
}
