import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelFamilySummary } from '../../preload/contract/types';
import { loadManifest, MANIFEST_FILE } from './manifest';
import type { ModelFamily } from './manifest-schema';

/**
 * Where families live: the override (e.g. env LATENTSHOP_MODELS), else
 * `process.resourcesPath/models` in a packaged app, else the repository's models/.
 */
export function resolveModelsRoot(override: string | undefined = process.env['LATENTSHOP_MODELS']): string {
  if (override) return resolve(override);
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources && existsSync(join(resources, 'models'))) return join(resources, 'models');
  // This file is <repo>/models/loader/families.ts: the loader's parent is the root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 6; depth += 1) {
    if (existsSync(join(dir, 'models')) && existsSync(join(dir, 'package.json'))) return join(dir, 'models');
    dir = dirname(dir);
  }
  return join(process.cwd(), 'models');
}

/**
 * Every folder under the root that has a valid manifest. A broken family is skipped
 * (and reported through `onError`) so one bad drop-in does not hide the others.
 */
export async function listFamilies(
  modelsRoot: string = resolveModelsRoot(),
  onError: (dir: string, error: unknown) => void = () => undefined,
): Promise<ModelFamilySummary[]> {
  let entries: string[];
  try {
    // A linked folder counts too (a family kept elsewhere, linked in); the manifest check below skips links to files.
    entries = (await readdir(modelsRoot, { withFileTypes: true })).filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => e.name);
  } catch {
    return [];
  }
  const out: ModelFamilySummary[] = [];
  for (const name of entries.sort()) {
    const dir = join(modelsRoot, name);
    if (!existsSync(join(dir, MANIFEST_FILE))) continue;
    try {
      const family = await loadManifest(dir);
      const summary: ModelFamilySummary = { id: family.id, title: family.title, roles: [...new Set(family.networks.map((n) => n.role))], path: dir };
      const titles = translatedTitles(family.translations);
      if (titles) summary.titles = titles;
      out.push(family.domain ? { ...summary, channels: family.domain.channels } : summary);
    } catch (error) {
      onError(dir, error);
    }
  }
  return out;
}

/** The title in each language the manifest translates it into; undefined when none. */
function translatedTitles(translations: ModelFamily['translations']): Record<string, string> | undefined {
  const titles = Object.entries(translations ?? {}).flatMap(([locale, t]) => (t.title === undefined ? [] : [[locale, t.title] as const]));
  return titles.length > 0 ? Object.fromEntries(titles) : undefined;
}
