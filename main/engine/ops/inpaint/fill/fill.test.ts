import { describe, expect, it } from 'vitest';
import { LatentshopError } from '../../../../../preload/contract/errors';
import { quietContext } from '../../context';
import { contentAwareFill } from './fill';
import { boxMask, holeErrors, pattern, sameOutside } from './test-images';

const ctx = quietContext();

describe('contentAwareFill', () => {
  it('leaves every pixel outside the mask bit-identical, for 1–4 channels and 8/16 bits', async () => {
    for (const [channels, bitDepth] of [[1, 8], [2, 16], [3, 8], [4, 16]] as const) {
      const image = pattern('stripes', 64, 48, channels, bitDepth);
      const mask = boxMask(64, 48, [[20, 15, 34, 27], [50, 5, 55, 9]]);
      const out = await contentAwareFill(image, mask, ctx);
      expect(out.data).not.toBe(image.data);
      expect(out.data.constructor).toBe(image.data.constructor);
      expect([out.width, out.height, out.channels, out.bitDepth]).toEqual([64, 48, channels, bitDepth]);
      expect(sameOutside(image, out, mask)).toBe(true);
    }
  });

  it('reproduces regular textures far better than a flat mean', async () => {
    for (const kind of ['stripes', 'checker'] as const) {
      const image = pattern(kind, 96, 96);
      const mask = boxMask(96, 96, [[36, 40, 60, 62]]);
      const { fill, flatMean } = holeErrors(image, await contentAwareFill(image, mask, ctx, { seed: 7 }), mask);
      expect(fill).toBeLessThan(flatMean * 0.05);
    }
  });

  it('continues a smooth gradient', async () => {
    const image = pattern('gradient', 96, 96);
    const mask = boxMask(96, 96, [[40, 40, 56, 56]]);
    const { fill, flatMean } = holeErrors(image, await contentAwareFill(image, mask, ctx), mask);
    expect(fill).toBeLessThan(flatMean * 0.1);
  });

  it('fills holes that touch the borders and corners', async () => {
    const image = pattern('stripes', 80, 60);
    const mask = boxMask(80, 60, [[0, 0, 12, 10], [70, 20, 80, 34], [30, 52, 44, 60]]);
    const out = await contentAwareFill(image, mask, ctx);
    expect(sameOutside(image, out, mask)).toBe(true);
    const { fill, flatMean } = holeErrors(image, out, mask);
    expect(fill).toBeLessThan(flatMean * 0.25);
  });

  it('returns an unchanged copy for an empty mask', async () => {
    const image = pattern('noise', 40, 30);
    const out = await contentAwareFill(image, new Uint8Array(40 * 30), ctx);
    expect(out.data).toEqual(image.data);
    expect(out.data).not.toBe(image.data);
  });

  it('refuses a mask that covers the whole image', async () => {
    const image = pattern('noise', 20, 10);
    const error = await contentAwareFill(image, new Uint8Array(200).fill(255), ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LatentshopError);
    expect(error).toMatchObject({ code: 'BAD_ARGUMENT', message: 'The mask covers the whole image; nothing to fill from.' });
  });

  it('names both sizes when the mask does not match the image', async () => {
    const image = pattern('noise', 20, 10);
    const mask = { width: 10, height: 20, data: new Uint8Array(200) };
    await expect(contentAwareFill(image, mask, ctx)).rejects.toMatchObject({
      code: 'BAD_ARGUMENT',
      message: expect.stringMatching(/10 × 20.*20 × 10/) as unknown as string,
    });
    await expect(contentAwareFill(image, new Uint8Array(150), ctx)).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  it('is deterministic for a seed, and the seed matters', async () => {
    const image = pattern('noise', 64, 64);
    const mask = boxMask(64, 64, [[20, 20, 40, 40]]);
    const a = await contentAwareFill(image, mask, ctx, { seed: 5 });
    const b = await contentAwareFill(image, mask, ctx, { seed: 5 });
    const c = await contentAwareFill(image, mask, ctx, { seed: 6 });
    expect(b.data).toEqual(a.data);
    expect(c.data).not.toEqual(a.data);
  });

  it('reports rising progress and stops with CANCELLED when aborted', async () => {
    const image = pattern('noise', 256, 256);
    const mask = boxMask(256, 256, [[60, 60, 190, 190]]);
    const fractions: number[] = [];
    const controller = new AbortController();
    const run = contentAwareFill(image, mask, {
      signal: controller.signal,
      progress: (f) => {
        fractions.push(f);
        if (fractions.length === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fractions.length).toBeGreaterThanOrEqual(3);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });
});
