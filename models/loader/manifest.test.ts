import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LatentshopError } from '../../preload/contract/errors';
import { listFamilies, loadManifest, parseManifest, resolveModelsRoot } from './index';

const FILE = '/m/fam/manifest.json';
const good = { id: 'fam', title: 'A family', networks: [{ role: 'generator', path: 'g/model.json' }] };
const parse = (value: unknown): ReturnType<typeof parseManifest> =>
  parseManifest(typeof value === 'string' ? value : JSON.stringify(value), FILE, '/m/fam');

function errorOf(fn: () => unknown): LatentshopError {
  try {
    fn();
  } catch (error) {
    if (error instanceof LatentshopError) return error;
    throw error;
  }
  throw new Error('expected a LatentshopError');
}

describe('parseManifest', () => {
  it('fills defaults into a typed config', () => {
    const family = parse(good);
    expect(family.version).toBe(1);
    expect(family.networks[0]).toMatchObject({ name: 'generator', format: 'layers-model', input: { range: [0, 1] }, customLayers: [] });
  });

  it('names the file when the JSON is broken', () => {
    const error = errorOf(() => parse('{"id": "fam",'));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/^\/m\/fam\/manifest\.json: not valid JSON/);
    expect(error.file).toBe(FILE);
  });

  it.each([
    [{ ...good, title: undefined }, 'title: is required'],
    [{ ...good, networks: [{ role: 'generator' }] }, 'networks[0].path: is required'],
    [{ ...good, latentSize: 'sixty-four' }, 'latentSize: '],
    [{ ...good, networks: [{ role: 'painter', path: 'x' }] }, 'networks[0].role: '],
    [{ ...good, networks: [{ role: 'super-resolution', path: 'x' }] }, 'networks[0].scale: super-resolution networks need "scale"'],
    [{ ...good, networks: [{ role: 'generator', path: 'x', input: { range: [1, -1] } }] }, 'networks[0].input.range: '],
    [{ ...good, networks: [good.networks[0], good.networks[0]] }, 'networks[1].name: duplicate network name "generator"'],
    [{ ...good, colour: 'red' }, '(root): '],
    [{ ...good, translations: { chinese: { title: '家族' } } }, 'translations.chinese: '],
    [{ ...good, translations: { 'zh-CN': { titel: '家族' } } }, 'translations.zh-CN: '],
  ])('names the file and the field (%#)', (manifest, expected) => {
    const error = errorOf(() => parse(manifest));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toContain(`${FILE}: ${expected}`);
  });
});

describe('loadManifest and listFamilies', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('reports a missing manifest as MODEL_NOT_FOUND naming the file', async () => {
    await expect(loadManifest('/nonexistent/fam')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND', file: '/nonexistent/fam/manifest.json' });
  });

  it('loads the shipped sr-esrgan family', async () => {
    const family = await loadManifest(join(resolveModelsRoot(), 'sr-esrgan'));
    const names = family.networks.map((n) => n.name);
    expect(names).toHaveLength(12);
    expect(names).toContain('esrgan-thick-x8');
    expect(family.networks.find((n) => n.name === 'esrgan-thick-x4')?.customLayers).toEqual(['MultiplyBeta', 'PixelShuffle4x']);
  });

  it("lists each shipped family's translated titles, and a family without translations has none", async () => {
    const list = await listFamilies(resolveModelsRoot());
    expect(list.find((f) => f.id === 'fashion')?.titles).toEqual({ 'zh-CN': '服装产品（Fashion-MNIST DCGAN）' });
    expect(list.find((f) => f.id === 'sr-esrgan')?.titles?.['zh-CN']).toBe('ESRGAN 超分辨率（UpscalerJS）');
    // Every shipped attribute has its Chinese label, so no slider falls back to English.
    for (const id of ['fashion', 'fashion-colour']) {
      const shipped = await loadManifest(join(resolveModelsRoot(), id));
      const attributes = JSON.parse(await readFile(shipped.attributesPath ?? '', 'utf8')) as { attributes: { name: string }[] };
      expect(Object.keys(shipped.translations?.['zh-CN']?.attributes ?? {}).sort(), id).toEqual(attributes.attributes.map((a) => a.name).sort());
    }
  });

  it('lists a family linked into the models folder from elsewhere', async () => {
    const [root, elsewhere] = await Promise.all([mkdtemp(join(tmpdir(), 'ls-models-')), mkdtemp(join(tmpdir(), 'ls-elsewhere-'))]);
    dirs.push(root, elsewhere);
    await writeFile(join(elsewhere, 'manifest.json'), JSON.stringify(good));
    await symlink(elsewhere, join(root, 'linked'));
    await symlink(join(elsewhere, 'manifest.json'), join(root, 'a-file-link'));
    expect(await listFamilies(root)).toEqual([{ id: 'fam', title: 'A family', roles: ['generator'], path: join(root, 'linked') }]);
  });

  it('lists good families and skips broken ones, reporting them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ls-models-'));
    dirs.push(root);
    await mkdir(join(root, 'good'));
    await writeFile(join(root, 'good', 'manifest.json'), JSON.stringify(good));
    await mkdir(join(root, 'bad'));
    await writeFile(join(root, 'bad', 'manifest.json'), '{');
    const errors: string[] = [];
    const list = await listFamilies(root, (dir) => errors.push(dir));
    expect(list).toEqual([{ id: 'fam', title: 'A family', roles: ['generator'], path: join(root, 'good') }]);
    expect(errors).toEqual([join(root, 'bad')]);
  });
});
