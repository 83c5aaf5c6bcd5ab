import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { countColour } from './fixtures/images';
import { dropFile, step } from './fixtures/page-helpers';

/**
 * Transparency reads as transparency: an image with alpha is drawn over a grey checkerboard, not
 * over the dark canvas (where a transparent area looked like black paint), and opaque pixels stay
 * as they are. An opaque image gets no checkerboard.
 */
test('an image with alpha shows a checkerboard where it is transparent', async ({ page, app }, testInfo) => {
  const width = 600;
  const height = 400;
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i += 1) {
    const opaque = i % width >= width / 2;
    rgba.set([220, 20, 20, opaque ? 255 : 0], i * 4);
  }
  const png = await sharp(rgba, { raw: { width, height, channels: 4 } }).png().toBuffer();
  await page.goto(app.url);
  await dropFile(page, '[data-testid=canvas]', 'half-transparent.png', png, 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('600 × 400');
  await page.waitForTimeout(300);
  const shot = await page.getByTestId('canvas').screenshot();
  const light = await countColour(shot, [204, 204, 204], 12);
  const dark = await countColour(shot, [153, 153, 153], 12);
  const red = await countColour(shot, [220, 20, 20]);
  await step(page, testInfo, 'checkerboard');
  // The transparent half is about half the image's area on screen, split between the two greys.
  expect(light).toBeGreaterThan(0.3 * red);
  expect(dark).toBeGreaterThan(0.3 * red);
  expect(Math.abs(light - dark)).toBeLessThan(0.25 * (light + dark));

  const opaque = await sharp({ create: { width, height, channels: 3, background: { r: 220, g: 20, b: 20 } } }).png().toBuffer();
  await dropFile(page, '[data-testid=canvas]', 'opaque.png', opaque, 'image/png');
  // Same size as before, so wait for the new picture itself: all red, no grey left.
  await expect.poll(async () => countColour(await page.getByTestId('canvas').screenshot(), [204, 204, 204], 12), { timeout: 10_000 }).toBe(0);
  expect(await countColour(await page.getByTestId('canvas').screenshot(), [220, 20, 20])).toBeGreaterThan(2 * red);

  // A lossless WebP with alpha stays lossless: the Export dialog starts so, and every pixel comes back.
  const noise = Buffer.alloc(64 * 48 * 4);
  for (let i = 0; i < noise.length; i += 1) noise[i] = (i * 7919 + (i >> 5) * 104729) % 251;
  const webp = await sharp(noise, { raw: { width: 64, height: 48, channels: 4 } }).webp({ lossless: true, exact: true }).toBuffer();
  await dropFile(page, '[data-testid=canvas]', 'noise.webp', webp, 'image/webp');
  await expect(page.getByTestId('status-size')).toContainText('64 × 48');
  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-lossless')).toBeChecked();
  await expect(page.getByTestId('export-quality')).toHaveCount(0);
  await page.getByTestId('export-lossless').uncheck();
  await expect(page.getByTestId('export-quality')).toBeVisible();
  await page.getByTestId('export-lossless').check();
  await step(page, testInfo, 'lossless-export');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('export-dialog')).toHaveCount(0);
  await expect.poll(() => existsSync(join(app.exportDir, 'noise.webp')), { timeout: 10_000 }).toBe(true);
  const exported = readFileSync(join(app.exportDir, 'noise.webp'));
  // Noise at the lossy default (quality 92) would not come back exactly.
  const back = await sharp(exported).ensureAlpha().raw().toBuffer();
  expect(back.equals(noise)).toBe(true);
});
