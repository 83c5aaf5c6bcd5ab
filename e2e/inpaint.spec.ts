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
