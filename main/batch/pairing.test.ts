import { describe, expect, it } from 'vitest';
import { outputName, pairSources } from './pairing';

const src = (...paths: string[]) => paths.map((path) => ({ name: path.split('/').pop() ?? path, path }));

describe('batch pairing', () => {
  it('pairs photo.jpg with photo.mask.png in the same folder, and skips masks, outputs and non-images', () => {
    const items = pairSources(src('/a/photo.jpg', '/a/photo.mask.png', '/a/notes.txt', '/a/photo.inpainted.jpg', '/a/b.PNG', '/a/b.mask.jpg'));
    expect(items).toEqual([
      { name: 'photo.jpg', input: '/a/photo.jpg', mask: '/a/photo.mask.png' },
      { name: 'b.PNG', input: '/a/b.PNG', mask: '/a/b.mask.jpg' },
    ]);
  });

  it('does not pair across folders, and reports an image without a mask', () => {
    const items = pairSources(src('/a/x.png', '/b/x.mask.png', '/b/x.png'));
    expect(items[0]).toMatchObject({ name: 'x.png', input: '/a/x.png', error: { code: 'FILE_NOT_FOUND' } });
    expect(items[0]?.error?.message).toContain('x.mask.png');
    expect(items[1]).toEqual({ name: 'x.png', input: '/b/x.png', mask: '/b/x.mask.png' });
  });

  it('pairs uploads, each in its own staging folder, as one group', () => {
    const items = pairSources([
      { name: 'a.png', path: '/s/u1/a.png', group: 'uploads' },
      { name: 'a.mask.png', path: '/s/u2/a.mask.png', group: 'uploads' },
    ]);
    expect(items).toEqual([{ name: 'a.png', input: '/s/u1/a.png', mask: '/s/u2/a.mask.png' }]);
  });

  it('uses one shared mask for every image, by name or path, and not as an item itself', () => {
    const items = pairSources(src('/a/one.png', '/a/two.jpg', '/a/hole.png'), { sharedMask: 'hole.png' });
    expect(items).toEqual([
      { name: 'one.png', input: '/a/one.png', mask: '/a/hole.png' },
      { name: 'two.jpg', input: '/a/two.jpg', mask: '/a/hole.png' },
    ]);
    expect(pairSources(src('/a/one.png'), { sharedMask: '/m/hole.png' })[0]?.mask).toBe('/m/hole.png');
  });

  it('honours a custom mask suffix', () => {
    const items = pairSources(src('/a/p.tif', '/a/p_hole.png'), { maskSuffix: '_hole.png' });
    expect(items).toEqual([{ name: 'p.tif', input: '/a/p.tif', mask: '/a/p_hole.png' }]);
  });

  it('names outputs <stem>.inpainted.<ext>, numbered when taken', () => {
    expect(outputName('photo.jpg')).toBe('photo.inpainted.jpg');
    expect(outputName('photo.jpg', 3)).toBe('photo.inpainted-3.jpg');
  });
});
