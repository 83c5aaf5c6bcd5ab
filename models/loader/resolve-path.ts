import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * if it ships one, else the app's. Nothing above the install is searched: packaged, models/ sits
 * in resources/ (an AppImage mounts it under /tmp/.mount_*), and Node's own search would go on
 * to /tmp/node_modules or C:\node_modules, where anyone can plant a same-named package and have
 * its weights loaded silently.
 */
export function findPackageRoot(pkg: string, fromDir: string): string | undefined {
  const own = join(resolve(fromDir), 'node_modules', pkg);
  if (isPackage(own, pkg)) return own;
  // Checking package.json in each folder, rather than require.resolve, also finds packages
  // whose "exports" map hides package.json.
  return appPackageFolders(pkg, dirname(fileURLToPath(import.meta.url))).map((dir) => join(dir, pkg)).find((dir) => isPackage(dir, pkg));
}

/**
 * The node_modules folders Node would search for `pkg` from the app's code in `codeDir`, nearest
 * first, cut at the app's root (the nearest folder with a package.json): inside it, and the
 * node_modules that holds the app itself when it was installed as a package (npx, a global
 * install), where npm hoists its dependencies.
 */
export function appPackageFolders(pkg: string, codeDir: string): string[] {
  let root = resolve(codeDir);
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const holder = /^(.*[\\/]node_modules)[\\/](?:@[^\\/]+[\\/])?[^\\/]+$/.exec(root)?.[1];
  const searched = createRequire(join(codeDir, 'index.js')).resolve.paths(pkg) ?? [];
  return searched.filter((dir) => dir.startsWith(root + sep) || dir === holder);
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
