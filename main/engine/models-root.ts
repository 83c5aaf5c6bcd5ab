import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelFamilySummary } from '../../preload/contract/types';
import { listFamilies } from '../../models/loader';

/**
 * Where model families live: LATENTSHOP_MODELS, else `resources/models` in a packaged
 * app, else the repository's models/ folder (found by walking up from this file).
 */
export function modelsRoot(): string {
  const override = process.env['LATENTSHOP_MODELS'];
  if (override) return override;
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'models'))) return join(resources, 'models');
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(dir, 'models')) && existsSync(join(dir, 'package.json'))) return join(dir, 'models');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'models');
}

export async function listInstalledFamilies(): Promise<ModelFamilySummary[]> {
  return listFamilies(modelsRoot());
}
