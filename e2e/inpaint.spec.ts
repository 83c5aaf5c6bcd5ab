import { existsSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { countColour } from './fixtures/images';
import { RED, SQUARE, redSquarePng } from './fixtures/inpaint-images';
import { dropFile, step } from './fixtures/page-helpers';

interface DebugHook {
  currentImage(): { id: string; width: number; height: number } | null;
}
const IMAGE = { width: 400, height: 300 };
const FIT_PADDING = 24;

test('paint a mask with the brush over a red square, fill it, and the red is gone', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await dropFile(page, '[data-testid=canvas]', 'square.png', await redSquarePng(), 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300');
  const firstId = await page.waitForFunction(() => (window as unknown as { __latentshop: DebugHook }).__latentshop.currentImage()?.id);
  await page.waitForTimeout(300);
  const canvas = page.getByTestId('canvas');
  const before = await countColour(await canvas.screenshot(), RED);
  expect(before).toBeGreaterThan(1000);
  await step(page, testInfo, 'opened');

  // B selects the brush (and shows the Inpaint panel); the brush is 30 image pixels wide.
  await page.keyboard.press('b');
  await expect(page.getByTestId('mask-tool-brush')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('mask-size').fill('30');
  const box = (await canvas.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  const zoom = Math.min((Math.floor(box.width) - 2 * FIT_PADDING) / IMAGE.width, (Math.floor(box.height) - 2 * FIT_PADDING) / IMAGE.height);
  const left = box.x + Math.round((Math.floor(box.width) - IMAGE.width * zoom) / 2);
  const top = box.y + Math.round((Math.floor(box.height) - IMAGE.height * zoom) / 2);
  const at = (x: number, y: number) => ({ x: left + x * zoom, y: top + y * zoom });
  for (let y = SQUARE.y + 4; y <= SQUARE.y + SQUARE.size; y += 14) {
    const from = at(SQUARE.x - 10, y);
    const to = at(SQUARE.x + SQUARE.size + 10, y);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 12 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('inpaint-run')).toBeEnabled();
  await step(page, testInfo, 'masked');

  // The shipped fashion family (G and D) makes GAN completion available.
  await expect(page.getByTestId('inpaint-method').locator('option[value=gan]')).toBeEnabled();
  // The mask is rasterised in a worker (mask-png-off-thread.ts), so a big one does not freeze the UI.
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.getByTestId('inpaint-run').click();
  await expect(page.getByTestId('job-inpaint').first()).toBeVisible();
  expect(workers.some((url) => url.includes('mask-png-worker'))).toBe(true);
  await page.waitForFunction(
    (id) => (window as unknown as { __latentshop: DebugHook }).__latentshop.currentImage()?.id !== id,
    await firstId.jsonValue(),
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('undo')).toBeEnabled();
  await page.waitForTimeout(500);
  const after = await countColour(await canvas.screenshot(), RED);
  await step(page, testInfo, 'filled');
  expect(after).toBeLessThan(before * 0.01);

  // Undo brings the square back: the fill was a history step.
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(500);
  expect(await countColour(await canvas.screenshot(), RED)).toBeGreaterThan(before * 0.9);
  await step(page, testInfo, 'undone');
});

/**
 * The UI sends only the part of a mask around its paint (with room for the feather) and the
 * engine places it on black at image size. The saved mask must be the whole image's feathered
 * mask all the same: here against the same blur drawn on a whole-image canvas in the page.
 */
test('a feathered mask is sent as the part around its paint and saved as the whole image’s mask', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await dropFile(page, '[data-testid=canvas]', 'square.png', await redSquarePng(), 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300');
  await page.keyboard.press('m');
  await expect(page.getByTestId('mask-tool-rect')).toHaveAttribute('aria-pressed', 'true');
  const feather = 6;
  await page.getByTestId('mask-feather').fill(String(feather));
  // Near the right edge, so the crop is cut by the image there and has a margin elsewhere.
  const rect = { x: 330, y: 120, width: 60, height: 50 };
  for (const [key, value] of Object.entries(rect)) await page.getByTestId(`mask-rect-${key}`).fill(String(value));
  await page.getByTestId('mask-rect-add').click();
  await page.getByTestId('mask-export').click();
  const saved = join(app.exportDir, 'square.mask.png');
  await expect.poll(() => existsSync(saved), { timeout: 10_000 }).toBe(true);
  const { data, info } = await sharp(saved).greyscale().raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height]).toEqual([IMAGE.width, IMAGE.height]);
  const reference = await page.evaluate(
    ({ rect: r, feather: f, size }) => {
      const canvas = Object.assign(document.createElement('canvas'), size);
      const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
      const white = Object.assign(document.createElement('canvas'), size);
      const w = white.getContext('2d') as CanvasRenderingContext2D;
      w.fillStyle = '#fff';
      w.fillRect(r.x, r.y, r.width, r.height);
      ctx.fillStyle = '#000';
      ctx.fillRect(0, 0, size.width, size.height);
      ctx.filter = `blur(${f}px)`;
      ctx.drawImage(white, 0, 0);
      const px = ctx.getImageData(0, 0, size.width, size.height).data;
      return Array.from({ length: size.width * size.height }, (_, i) => px[i * 4]!);
    },
    { rect, feather, size: IMAGE },
  );
  let worst = 0;
  for (let i = 0; i < reference.length; i += 1) worst = Math.max(worst, Math.abs((data[i] ?? 0) - reference[i]!));
  expect(worst).toBeLessThanOrEqual(1);
  // The feather is really there: soft just outside the rectangle, black far from it.
  expect(data[(rect.y + 25) * IMAGE.width + rect.x - 3]).toBeGreaterThan(10);
  expect(data[(rect.y + 25) * IMAGE.width + rect.x - 40]).toBe(0);
});
