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
});
