import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { invalidManifest, modelInvalid, modelNotFound } from './errors';
import { manifestSchema, type ModelFamily } from './manifest-schema';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Reads and validates `<dir>/manifest.json`. Every problem is a LatentshopError whose
 * message names the file and the field, so a user who dropped in their own model
 * can fix it without reading our code.
 */
export async function loadManifest(dir: string): Promise<ModelFamily> {
  const familyDir = resolve(dir);
  const file = join(familyDir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw modelNotFound(file, 'manifest.json not found');
  }
  return parseManifest(text, file, familyDir);
}

/** Validates manifest text; split out so tests and tools can check a manifest in memory. */
export function parseManifest(text: string, file: string, familyDir: string): ModelFamily {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw modelInvalid(file, `not valid JSON (${reason})`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw invalidManifest(file, parsed.error);
  const m = parsed.data;
  const family: ModelFamily = {
    id: m.id,
    title: m.title,
    version: m.version,
    networks: m.networks.map((n) => ({ ...n, name: n.name ?? n.role })),
    dir: familyDir,
    manifestPath: file,
  };
  if (m.description !== undefined) family.description = m.description;
  if (m.domain !== undefined) family.domain = m.domain;
  if (m.latentSize !== undefined) family.latentSize = m.latentSize;
  if (m.attributes !== undefined) family.attributesPath = resolve(familyDir, m.attributes);
  if (m.translations !== undefined) family.translations = m.translations;
  return family;
}
