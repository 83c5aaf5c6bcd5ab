import { describe, expect, it } from 'vitest';
import { allowedDepths, cleanName, defaultName, initialForm, nameProblem, toOptions, withFormat } from './export-math';
import { linked, sizeProblem, targetSize, toRequest } from './resize-math';

describe('resize form', () => {
  it('builds a scale or a size request, within the contract limits', () => {
    expect(toRequest({ mode: 'scale', scalePct: 50, width: 0, height: 0 })).toEqual({ scale: 0.5 });
    expect(toRequest({ mode: 'scale', scalePct: 0.5, width: 0, height: 0 })).toBeNull();
    expect(toRequest({ mode: 'size', scalePct: 0, width: 640, height: 480 })).toEqual({ width: 640, height: 480 });
    expect(toRequest({ mode: 'size', scalePct: 0, width: 640.5, height: 480 })).toBeNull();
  });

  it('keeps the aspect ratio and previews the size', () => {
    expect(linked(400, 4000, 3000)).toBe(300);
    expect(targetSize({ mode: 'scale', scalePct: 25, width: 0, height: 0 }, 1001, 3)).toEqual({ width: 250, height: 1 });
  });

  it('names what the engine would refuse: a side over 65535 px or a result over 200 MP', () => {
    expect(sizeProblem({ width: 6000, height: 4000 })).toBeNull();
    expect(sizeProblem({ width: 70_000, height: 10 })).toBe('tooWide');
    expect(sizeProblem({ width: 50_000, height: 37_500 })).toBe('tooLarge');
  });
});

describe('export form', () => {
  it('allows 16-bit only for PNG and TIFF, and fixes it on format change', () => {
    expect(allowedDepths('jpeg')).toEqual([8]);
    const form = { format: 'png' as const, quality: 92, bitDepth: 16 as const, keepMetadata: true, lossless: false, name: 'shoe.png' };
    expect(withFormat(form, 'jpeg')).toMatchObject({ bitDepth: 8, name: 'shoe.jpg' });
  });

  it('sends quality only for lossy formats', () => {
    expect(toOptions({ format: 'webp', quality: 80, bitDepth: 8, keepMetadata: false, lossless: false, name: 'a.webp' })).toEqual({
      format: 'webp', bitDepth: 8, keepMetadata: false, quality: 80,
    });
    expect(toOptions({ format: 'png', quality: 80, bitDepth: 16, keepMetadata: true, lossless: false, name: 'a.png' })).not.toHaveProperty('quality');
    expect(defaultName('photo.final.JPG', 'tiff')).toBe('photo.final.tif');
  });

  it('keeps a lossless WebP lossless by default, and asks for lossless only where WebP can give it', () => {
    const image = { id: 'i', name: 'scan.webp', width: 4, height: 4, channels: 3 as const, bitDepth: 8 as const, format: 'webp' as const, hasIcc: false, hasExif: false, previewUrl: '' };
    const form = initialForm({ ...image, lossless: true });
    expect(toOptions(form)).toEqual({ format: 'webp', bitDepth: 8, keepMetadata: true, lossless: true });
    expect(initialForm(image).lossless).toBe(false);
    expect(toOptions(initialForm(image))).toMatchObject({ quality: 92 });
    // JPEG cannot be lossless: the form's choice is not sent, and quality is.
    expect(toOptions(withFormat(form, 'jpeg'))).toEqual({ format: 'jpeg', bitDepth: 8, keepMetadata: true, quality: 92 });
    expect(toOptions(withFormat(form, 'png'))).toEqual({ format: 'png', bitDepth: 8, keepMetadata: true });
  });
});

describe('export file name', () => {
  it('says why a name cannot be used', () => {
    expect(nameProblem('')).toBe('empty');
    expect(nameProblem('   ')).toBe('empty');
    expect(nameProblem('../../evil.jpg')).toBe('separator');
    expect(nameProblem('a\\b.png')).toBe('separator');
    expect(nameProblem('..')).toBe('dots');
    expect(nameProblem(`${'a'.repeat(252)}.png`)).toBe('tooLong');
    // Bytes, as the disk counts: 100 Chinese characters are 300 bytes.
    expect(nameProblem(`${'长'.repeat(80)}.png`)).toBeNull();
    expect(nameProblem(`${'长'.repeat(100)}.png`)).toBe('tooLong');
    // Invisible or misleading characters, and names Windows refuses (the file may be synced there).
    expect(nameProblem('a\tb.jpg')).toBe('hidden');
    expect(nameProblem('new\u202egnp.jpg')).toBe('hidden');
    for (const name of ['a:b.jpg', 'what?.png', 'con.jpg', 'LPT1', 'name.']) expect(nameProblem(name), name).toBe('windows');
    // Windows' refusals only warn: the name is valid here, and may be meant ("shoot 12:30.jpg").
    expect(cleanName('shoot 12:30.jpg')).toBe('shoot 12:30.jpg');
    expect(cleanName('a\tb.jpg')).toBeNull();
    for (const name of ['console.jpg', 'com10.png', '照片 1.jpg', '.hidden.jpg', 'a (2).tif']) expect(nameProblem(name), name).toBeNull();
    expect(nameProblem(' shoe.png ')).toBeNull();
  });

  it('cleans only names without a problem', () => {
    expect(cleanName(' shoe.png ')).toBe('shoe.png');
    expect(cleanName('../evil.jpg')).toBeNull();
    expect(cleanName('.')).toBeNull();
  });
});
