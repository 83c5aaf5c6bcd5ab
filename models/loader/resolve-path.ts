import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
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

/**
 * The folder holding `pkg`'s package.json: the family's own copy (`<familyDir>/node_modules/<pkg>`)
 * if it ships one, else the app's, looked up where Node resolves the app's own imports. Nothing
 * walks up from the family folder: packaged, models/ sits in resources/ (an AppImage mounts it
 * under /tmp/.mount_*), so a walk would reach /tmp/node_modules or C:\node_modules, where anyone
 * can plant a same-named package and have its weights loaded silently.
 */
export function findPackageRoot(pkg: string, fromDir: string): string | undefined {
  const own = join(resolve(fromDir), 'node_modules', pkg);
  if (isPackage(own, pkg)) return own;
  // The folders Node searches from this file, nearest first: the app's node_modules (or the one
  // an npx or global install hoisted it into). Checking package.json in each, rather than
  // require.resolve, also finds packages whose "exports" map hides package.json.
  const searched = createRequire(import.meta.url).resolve.paths(pkg) ?? [];
  return searched.map((dir) => join(dir, pkg)).find((dir) => isPackage(dir, pkg));
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
