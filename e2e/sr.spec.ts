import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { countColour, splitColourJpeg } from './fixtures/images';
import { dropFile, dropFiles, step } from './fixtures/page-helpers';

interface DebugHook {
  currentImage(): { width: number; height: number; id: string } | null;
  viewportTransform(): number[];
}

/** Page coordinates of an image pixel, through the canvas's viewport transform. */
async function toPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const vpt = await page.evaluate(() => (window as unknown as { __latentshop: DebugHook }).__latentshop.viewportTransform());
  const box = await page.getByTestId('canvas').locator('canvas').last().boundingBox();
  if (!box) throw new Error('no canvas');
  return { x: box.x + x * (vpt[0] ?? 1) + (vpt[4] ?? 0), y: box.y + y * (vpt[3] ?? 1) + (vpt[5] ?? 0) };
}

test('super-resolution: select a rectangle, preview a crop, upscale ×2, compare, apply; batch into a folder', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', await splitColourJpeg(400, 300), 'image/jpeg');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300');
  await page.getByTestId('panel-tab-sr').click();
  await page.waitForTimeout(300);
  await step(page, testInfo, 'opened');

  // A 120 × 100 rectangle across the red | blue split (x 100–220 of 400).
  await page.getByTestId('sr-select').click();
  const from = await toPage(page, 100.5, 80.5);
  const to = await toPage(page, 219.5, 179.5);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('sr-area')).toContainText('120 × 100 at 100, 80');
  // The fields show the dragged rectangle in image pixels, the keyboard's way to change it.
  await expect(page.getByTestId('sr-rect-x')).toHaveValue('100');
  await expect(page.getByTestId('sr-rect-width')).toHaveValue('120');
  await expect(page.getByTestId('sr-output-size')).toContainText('240 × 200');
  await step(page, testInfo, 'selected');

  await page.getByTestId('sr-preview').click();
  await expect(page.getByTestId('sr-result-size')).toContainText('256 × 256', { timeout: 60_000 });
  await expect(page.getByTestId('sr-apply')).toHaveCount(0); // a preview is only for looking
  await step(page, testInfo, 'preview');

  await page.getByTestId('sr-run').click();
  await expect(page.getByTestId('job-upscale').first()).toBeVisible();
  await expect(page.getByTestId('sr-apply')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('sr-result-size')).toContainText('240 × 200');
  await expect(page.getByTestId('sr-apply-crops')).toContainText('cropped away'); // said before Apply, for a rectangle
  await page.getByTestId('sr-split').fill('0');
  await step(page, testInfo, 'compare-before');
  await page.getByTestId('sr-split').fill('100');
  await step(page, testInfo, 'compare-after');

  await page.getByTestId('sr-apply').click();
  await expect(page.getByTestId('status-size')).toContainText('240 × 200');
  const current = await page.evaluate(() => (window as unknown as { __latentshop: DebugHook }).__latentshop.currentImage());
  expect([current?.width, current?.height]).toEqual([240, 200]);
  await page.waitForTimeout(400);
  const drawn = await page.getByTestId('canvas').screenshot();
  const { width, height } = (await sharp(drawn).metadata()) as { width: number; height: number };
  // The rectangle held 100 px of red and 20 px of blue: the canvas now shows about that mix.
  const red = await countColour(drawn, [220, 20, 20]);
  const blue = await countColour(drawn, [20, 20, 220]);
  expect(red / (width * height)).toBeGreaterThan(0.05);
  expect(blue / (width * height)).toBeGreaterThan(0.005);
  expect(red / blue).toBeGreaterThan(2.5);
  expect(red / blue).toBeLessThan(8);
  await step(page, testInfo, 'applied');

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300');

  // Batch: two files into a new folder of the export folder, as <name>.x2.<ext>.
  const small = (w: number, h: number): Promise<Buffer> => sharp({ create: { width: w, height: h, channels: 3, background: { r: 40, g: 120, b: 200 } } }).png().toBuffer();
  await dropFiles(page, '[data-testid=sr-batch-drop]', [
    { name: 'one.png', bytes: await small(64, 48), type: 'image/png' },
    { name: 'two.png', bytes: await small(30, 20), type: 'image/png' },
    { name: 'notes.png', bytes: Buffer.from('not a picture at all'), type: 'image/png' },
  ]);
  await expect(page.getByTestId('sr-batch-item-done')).toHaveCount(2, { timeout: 60_000 });
  // A bad file fails alone, and its reason is on screen, not only in a tooltip.
  await expect(page.getByTestId('sr-batch-item-failed')).toHaveCount(1);
  await expect(page.getByTestId('sr-batch-error')).toContainText('notes.png');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300'); // the drop did not open them
  await step(page, testInfo, 'batch');
  const [folder] = readdirSync(app.exportDir).filter((f) => f.startsWith('upscaled-'));
  const outDir = join(app.exportDir, folder ?? '');
  expect(readdirSync(outDir).sort()).toEqual(['one.x2.png', 'two.x2.png']);
  expect((await sharp(join(outDir, 'one.x2.png')).metadata()).width).toBe(128);
});
