import { describe, expect, it } from 'vitest';
import { exportFileName } from './export-path';

describe('exportFileName', () => {
  it('keeps the name as typed when its extension already says the format', () => {
    expect(exportFileName('rgb16.tif', 'tiff')).toBe('rgb16.tif');
    expect(exportFileName('shot.JPEG', 'jpeg')).toBe('shot.JPEG');
    expect(exportFileName('照片 1.png', 'png')).toBe('照片 1.png');
  });

  it("replaces another image extension, keeps any other dot in the name, and adds the format's", () => {
    expect(exportFileName('shot.png', 'jpeg')).toBe('shot.jpg');
    expect(exportFileName('photo.v2', 'jpeg')).toBe('photo.v2.jpg');
    expect(exportFileName('name.', 'webp')).toBe('name.webp');
    expect(exportFileName('  spaced.tiff ', 'png')).toBe('spaced.png');
    expect(exportFileName(undefined, 'tiff')).toBe('latentshop-export.tiff');
  });
});
