import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { modelNotFound } from './errors';

const NPM_PREFIX = 'npm:';

/**
 * Resolves a manifest `path` to an absolute model.json path. Three forms:
 * - relative to the family folder (weights shipped beside the manifest),
 * - absolute,
 * - `npm:<package>/<file>`, e.g. `npm:@upscalerjs/esrgan-slim/models/x4/model.json`.
 * The npm form survives packaging: electron-builder ships node_modules inside the app,
 * while models/ sits in resources/, so a `../../node_modules` path would break there.
 */
export function resolveModelPath(path: string, familyDir: string, manifestPath: string): string {
  if (!path.startsWith(NPM_PREFIX)) return isAbsolute(path) ? path : resolve(familyDir, path);
  const spec = path.slice(NPM_PREFIX.length);
  const parts = spec.split('/');
  const nameLength = spec.startsWith('@') ? 2 : 1;
  const pkg = parts.slice(0, nameLength).join('/');
  const rest = parts.slice(nameLength).join('/');
  const root = findPackageRoot(pkg, familyDir);
  if (root === undefined) throw modelNotFound(manifestPath, `package ${pkg} is not installed (needed by "${path}")`);
  return join(root, rest);
}

/** The folder holding `pkg`'s package.json, by node_modules walk, then by Node's resolver. */
export function findPackageRoot(pkg: string, fromDir: string): string | undefined {
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg);
    if (isPackage(candidate, pkg)) return candidate;
    if (dirname(dir) === dir) break;
  }
  try {
    // Packages with an "exports" map hide package.json, so resolve the entry and walk up.
    const entry = createRequire(import.meta.url).resolve(pkg);
    for (let dir = dirname(entry); dirname(dir) !== dir; dir = dirname(dir)) {
      if (isPackage(dir, pkg)) return dir;
    }
  } catch {
    // Not resolvable from here either: the caller reports MODEL_NOT_FOUND.
  }
  return undefined;
}

function isPackage(dir: string, pkg: string): boolean {
  const file = join(dir, 'package.json');
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === pkg;
  } catch {
    return false;
  }
}
