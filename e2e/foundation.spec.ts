import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { countColour, splitColourJpeg } from './fixtures/images';
import { dropFile, step } from './fixtures/page-helpers';

interface DebugHook {
  currentImage(): { width: number; height: number; id: string } | null;
}

test('open by drop, see pixels, resize with progress, undo, export with metadata', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  expect(app.output()).toContain('browser mode');
  await step(page, testInfo, 'started');

  const photo = await splitColourJpeg(1200, 800);
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await expect(page.getByTestId('status-size')).toContainText('1200 × 800');
  await page.waitForFunction(() => (window as unknown as { __latentshop?: DebugHook }).__latentshop?.currentImage() !== null);
  await page.waitForTimeout(300);
  const drawn = await page.getByTestId('canvas').screenshot();
  // Both halves are on the canvas: a real share of red and of blue pixels.
  const red = await countColour(drawn, [220, 20, 20]);
  const blue = await countColour(drawn, [20, 20, 220]);
  const { width, height } = (await sharp(drawn).metadata()) as { width: number; height: number };
  expect(red / (width * height)).toBeGreaterThan(0.1);
  expect(blue / (width * height)).toBeGreaterThan(0.1);
  await step(page, testInfo, 'dropped');

  await page.getByTestId('resize').click();
  await page.getByTestId('resize-scale').fill('50');
  await page.getByTestId('resize-run').click();
  await expect(page.getByTestId('job-resize').first()).toBeVisible();
  await expect(page.getByTestId('status-size')).toContainText('600 × 400');
  await expect(page.getByTestId('job-resize').first().getByTestId('job-progress')).toHaveAttribute('value', /^(1|100)$/);
  await step(page, testInfo, 'resized');

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('status-size')).toContainText('1200 × 800');
  await step(page, testInfo, 'undone');

  await page.getByTestId('export').click();
  await page.getByTestId('export-format').selectOption('png');
  // A name with a hidden direction mark is refused; one Windows could not open only warns.
  const name = page.getByTestId('export-name');
  const original = await name.inputValue();
  await name.fill('new\u202egnp.png');
  await expect(page.getByTestId('export-name-problem')).toContainText('hidden direction marks');
  await expect(page.getByTestId('export-run')).toBeDisabled();
  await name.fill('shoot 12:30.png');
  await expect(page.getByTestId('export-name-problem')).toContainText('Windows could not open this name');
  await expect(page.getByTestId('export-run')).toBeEnabled();
  await name.fill(original);
  await expect(page.getByTestId('export-name-problem')).toHaveCount(0);
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('toast').last()).toContainText('.png');
  await step(page, testInfo, 'exported');

  const files = readdirSync(app.exportDir).filter((f) => f.endsWith('.png'));
  expect(files).toHaveLength(1);
  const exported = readFileSync(join(app.exportDir, files[0] ?? ''));
  const meta = await sharp(exported).metadata();
  expect(meta).toMatchObject({ width: 1200, height: 800, format: 'png' });
  expect(meta.icc?.length ?? 0).toBeGreaterThan(0);
  expect(meta.exif?.toString('latin1')).toContain('Latentshop E2E');
  // The undone image was exported: red left, blue right, pixel for pixel within JPEG noise.
  const { data } = await sharp(exported).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => Array.from(data.subarray((y * 1200 + x) * 3, (y * 1200 + x) * 3 + 3));
  expect(at(100, 400)[0]).toBeGreaterThan(180);
  expect(at(1100, 400)[2]).toBeGreaterThan(180);
});

/** A big photo's preview takes seconds to load: until it is drawn, the zoom is not the old photo's. */
test('the status bar says Loading… for the zoom until a new photo is drawn', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await expect(page.getByTestId('status-zoom')).toHaveText('100%');
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/image/*.png*', async (route) => {
    await held;
    await route.continue();
  });
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', await splitColourJpeg(3000, 2000), 'image/jpeg');
  await expect(page.getByTestId('status-size')).toContainText('3000 × 2000');
  await expect(page.getByTestId('status-zoom')).toHaveText('Loading…');
  release();
  await expect(page.getByTestId('status-zoom')).toHaveText(/^\d+%$/);
  const zoom = await page.evaluate(() => (window as unknown as { __latentshop: { zoom(): number } }).__latentshop.zoom());
  expect(zoom).toBeLessThan(0.5); // Fitted: a 3000 px photo in a 1280 px window.
  await expect(page.getByTestId('status-zoom')).toHaveText(`${Math.round(zoom * 100)}%`);
});
