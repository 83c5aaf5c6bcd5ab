import { describe, expect, it } from 'vitest';
import { imagesWithoutMask, isMaskName, sharedMaskCandidates } from './batch-masks';

describe('batch shared mask candidates', () => {
  it('offers only files named like masks, as the engine pairs them', () => {
    const staged = ['p0.jpg', 'p0.mask.png', 'p1.png', 'all.MASK.PNG', 'old.mask.jpeg', 'notes.txt', 'mask.png', 'p2.inpainted.png'];
    expect(sharedMaskCandidates(staged)).toEqual(['p0.mask.png', 'all.MASK.PNG', 'old.mask.jpeg']);
  });

  it('does not take a photo or a bare mask.png for a mask', () => {
    expect(isMaskName('p0.jpg')).toBe(false);
    expect(isMaskName('mask.png')).toBe(false);
    expect(isMaskName('shoe.mask.tif')).toBe(true);
  });

  it('names the staged images that pairing by name will find no mask for, before the batch runs', () => {
    const staged = ['p0.jpg', 'p0.mask.png', 'P1.PNG', 'p1.mask.jpg', 'lonely.webp', 'notes.txt', 'p2.inpainted.png'];
    expect(imagesWithoutMask(staged, '')).toEqual(['lonely.webp']);
    expect(imagesWithoutMask(staged, 'p0.mask.png')).toEqual([]); // One mask for every image.
    expect(imagesWithoutMask(['shots', 'a.jpg'], '')).toEqual([]); // A folder: its contents are not known here.
    // Names from dropped folders pair within their folder, as the engine pairs them.
    expect(imagesWithoutMask(['a/shot.png', 'a/shot.mask.png', 'b/shot.png'], '')).toEqual(['b/shot.png']);
  });
});
