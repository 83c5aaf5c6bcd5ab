import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appPackageFolders, findPackageRoot, resolveModelPath } from './resolve-path';

const SLIM = '@upscalerjs/esrgan-slim';
const SLIM_X2 = `npm:${SLIM}/models/x2/model.json`;
const appSlim = join(fileURLToPath(new URL('../../', import.meta.url)), 'node_modules', SLIM);

// <tmp>/node_modules/… stands for /tmp/node_modules or C:\node_modules, which anyone can write;
// <tmp>/models/<family> stands for an AppImage's /tmp/.mount_*/resources/models/<family>.
let top: string;
let family: string;
const manifest = (): string => join(family, 'manifest.json');

async function plantPackage(dir: string, name: string): Promise<string> {
  const root = join(dir, 'node_modules', name);
  await mkdir(join(root, 'models', 'x2'), { recursive: true });
  await writeFile(join(root, 'package.json'), JSON.stringify({ name, version: '6.6.6' }));
  return root;
}

beforeAll(async () => {
  top = await mkdtemp(join(tmpdir(), 'ls-resolve-'));
  family = join(top, 'models', 'fam');
  await mkdir(family, { recursive: true });
  await plantPackage(top, SLIM);
  await plantPackage(top, '@latentshop-test/only-above');
});
afterAll(async () => rm(top, { recursive: true, force: true }));

describe('resolveModelPath', () => {
  it('keeps relative paths in the family folder and absolute paths as they are', () => {
    expect(resolveModelPath('x2/model.json', family, manifest())).toBe(join(family, 'x2', 'model.json'));
    expect(resolveModelPath('/weights/model.json', family, manifest())).toBe('/weights/model.json');
  });

  it("takes the app's own copy of an npm package, not a same-named one planted above the models folder", () => {
    expect(resolveModelPath(SLIM_X2, family, manifest())).toBe(join(appSlim, 'models', 'x2', 'model.json'));
  });

  it('reports a package found only above the models folder as MODEL_NOT_FOUND', () => {
    expect(() => resolveModelPath('npm:@latentshop-test/only-above/model.json', family, manifest())).toThrow(
      expect.objectContaining({ code: 'MODEL_NOT_FOUND', file: manifest() }),
    );
  });

  it('takes a drop-in family\'s own node_modules first, for packages the app has and packages it lacks', async () => {
    const dropIn = join(top, 'models', 'drop-in');
    const ownSlim = await plantPackage(dropIn, SLIM);
    const ownExtra = await plantPackage(dropIn, 'esrgan-extra');
    expect(resolveModelPath(SLIM_X2, dropIn, join(dropIn, 'manifest.json'))).toBe(join(ownSlim, 'models', 'x2', 'model.json'));
    expect(findPackageRoot('esrgan-extra', dropIn)).toBe(ownExtra);
  });
});

describe('findPackageRoot', () => {
  it('finds a package whose "exports" map hides its package.json', () => {
    // esrgan-slim exports only its entry points, so require.resolve(`${SLIM}/package.json`) would throw.
    expect(findPackageRoot(SLIM, family)).toBe(appSlim);
  });
});

describe('appPackageFolders', () => {
  it('stops at the app root, whatever lies above it', async () => {
    const app = join(top, 'mount', 'resources', 'app');
    await mkdir(join(app, 'dist'), { recursive: true });
    await writeFile(join(app, 'package.json'), '{"name":"latentshop"}');
    const folders = appPackageFolders(SLIM, join(app, 'dist'));
    expect(folders).toEqual([join(app, 'dist', 'node_modules'), join(app, 'node_modules')]);
  });

  it("keeps the node_modules that holds the app when it is installed as a package (npm hoists its dependencies there)", async () => {
    const app = join(top, 'npx', 'node_modules', 'latentshop');
    await mkdir(join(app, 'dist'), { recursive: true });
    await writeFile(join(app, 'package.json'), '{"name":"latentshop"}');
    expect(appPackageFolders(SLIM, join(app, 'dist'))).toEqual([join(app, 'dist', 'node_modules'), join(app, 'node_modules'), join(top, 'npx', 'node_modules')]);
  });
});
