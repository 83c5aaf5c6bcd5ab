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

  it('pairs uploads within the dropped folder each came from, so same names in two folders keep their own masks', () => {
    const items = pairSources([
      { name: 'shot.png', path: '/s/u1/shot.png', group: 'uploads/a' },
      { name: 'shot.mask.png', path: '/s/u2/shot.mask.png', group: 'uploads/a' },
      { name: 'shot.png', path: '/s/u3/shot.png', group: 'uploads/b' },
      { name: 'shot.mask.png', path: '/s/u4/shot.mask.png', group: 'uploads/b' },
    ]);
    expect(items).toEqual([
      { name: 'shot.png', input: '/s/u1/shot.png', mask: '/s/u2/shot.mask.png' },
      { name: 'shot.png', input: '/s/u3/shot.png', mask: '/s/u4/shot.mask.png' },
    ]);
  });

  it('lists a picture it cannot read (an animated GIF, a raw file) as failed with the reason, not left out unseen', () => {
    const items = pairSources(src('/a/anim.gif', '/a/anim.mask.png', '/a/notes.txt', '/a/IMG_1.CR2'));
    expect(items.map((i) => [i.name, i.error?.key, i.error?.message])).toEqual([
      ['anim.gif', 'wrongFormat', 'anim.gif is in GIF format. Latentshop opens JPEG, PNG, WebP and TIFF files.'],
      ['IMG_1.CR2', 'wrongFormat', 'IMG_1.CR2 is in CR2 format. Latentshop opens JPEG, PNG, WebP and TIFF files.'],
    ]);
  });

  it('fails an image whose mask cannot be told apart, rather than picking one of two', () => {
    // Two uploads of one name in one group (their folders unknown), and two masks for one image.
    const items = pairSources([
      { name: 'shot.png', path: '/s/u1/shot.png', group: 'uploads' },
      { name: 'shot.png', path: '/s/u2/shot.png', group: 'uploads' },
      { name: 'shot.mask.png', path: '/s/u3/shot.mask.png', group: 'uploads' },
      ...src('/a/p.jpg', '/a/p.mask.png', '/a/p.mask.jpg', '/a/q.jpg', '/a/q.mask.png'),
    ]);
    expect(items.map((i) => [i.name, i.mask ?? i.error?.key])).toEqual([
      ['shot.png', 'sameNameTwice'],
      ['shot.png', 'sameNameTwice'],
      ['p.jpg', 'sameNameTwice'],
      ['q.jpg', '/a/q.mask.png'],
    ]);
    // With one mask for every image, nothing is ambiguous.
    expect(pairSources(src('/a/p.jpg', '/a/p.mask.png', '/a/p.mask.jpg'), { sharedMask: 'p.mask.png' })[0]?.mask).toBe('/a/p.mask.png');
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
