import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, fillTemplate } from './error-messages';
import { LatentshopError, toErrorData } from './errors';

describe('catalogued errors', () => {
  it('take their code and English from the key, and keep the key and parameters for the UI', () => {
    const error = LatentshopError.of('tooManyPixels', { name: 'pano.tif', width: 40000, height: 20000, mp: 800, limit: 400 }, '/photos/pano.tif');
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toBe('pano.tif is 40000 × 20000 pixels (800 MP), more than the 400 MP Latentshop can open safely.');
    expect(error.toData()).toEqual({
      code: 'IMAGE_TOO_LARGE',
      message: error.message,
      file: '/photos/pano.tif',
      key: 'tooManyPixels',
      params: { name: 'pano.tif', width: 40000, height: 20000, mp: 800, limit: 400 },
    });
  });

  it('survive a process boundary: data to error and back is the same data, cause included', () => {
    const cause = LatentshopError.of('maskCoversAllFill', {}).toData();
    const wrapped = LatentshopError.of('aboutImageAndMask', { image: 'a.jpg', mask: 'a.mask.png', detail: cause.message }, '/in/a.jpg', cause);
    expect(wrapped.message).toBe('a.jpg (mask a.mask.png). The mask covers the whole image; nothing to fill from.');
    const data = JSON.parse(JSON.stringify(toErrorData(wrapped))) as ReturnType<typeof toErrorData>;
    expect(LatentshopError.fromData(data).toData()).toEqual(data);
    expect(data.cause?.key).toBe('maskCoversAllFill');
  });

  it('word out-of-memory failures from any library through the catalogue', () => {
    expect(toErrorData(new Error('Array buffer allocation failed'))).toMatchObject({ code: 'OUT_OF_MEMORY', key: 'outOfMemory' });
  });

  it('leave a missing parameter visible rather than dropping it', () => {
    expect(fillTemplate('{name} and {other}', { name: 'x.png' })).toBe('x.png and {other}');
  });

  it('use each placeholder name once per template at most, as plain words', () => {
    for (const [key, [, template]] of Object.entries(ERROR_MESSAGES)) {
      const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] ?? '');
      expect(names.every((n) => /^\w+$/.test(n)), key).toBe(true);
      expect(new Set(names).size, key).toBe(names.length);
    }
  });
});
