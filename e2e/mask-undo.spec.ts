import type { Locator } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { SQUARE, redSquarePng } from './fixtures/inpaint-images';
import { dropFile, step } from './fixtures/page-helpers';

interface DebugHook {
  currentImage(): { id: string } | null;
}
const imageId = () => (window as unknown as { __latentshop: DebugHook }).__latentshop.currentImage()?.id;
const IMAGE = { width: 400, height: 300 };
const FIT_PADDING = 24;

/** The canvas as raw RGB, to compare the mask overlay before and after undo. */
async function pixels(canvas: Locator): Promise<Buffer> {
  return sharp(await canvas.screenshot()).removeAlpha().raw().toBuffer();
}

/** Pixels (RGB triples) that differ by more than a rounding step. */
function differing(a: Buffer, b: Buffer): number {
  let count = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i += 3) {
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 3) count += 1;
  }
  return count + Math.abs(a.length - b.length) / 3;
}

test('mask edits undo and redo: a stroke, then invert, Ctrl+Z back, Ctrl+Shift+Z forward', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await dropFile(page, '[data-testid=canvas]', 'square.png', await redSquarePng(), 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300');
  await page.waitForTimeout(300);
  const canvas = page.getByTestId('canvas');
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  const clear = page.getByTestId('mask-clear');

  await page.keyboard.press('b');
  await expect(page.getByTestId('mask-tool-brush')).toHaveAttribute('aria-pressed', 'true');
  await expect(undo).toBeDisabled(); // Nothing to undo yet: a fresh image and an empty mask.
  await page.mouse.move(0, 0);
  await page.waitForTimeout(200);
  const empty = await pixels(canvas);

  const box = (await canvas.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  const zoom = Math.min((Math.floor(box.width) - 2 * FIT_PADDING) / IMAGE.width, (Math.floor(box.height) - 2 * FIT_PADDING) / IMAGE.height);
  const left = box.x + Math.round((Math.floor(box.width) - IMAGE.width * zoom) / 2);
  const top = box.y + Math.round((Math.floor(box.height) - IMAGE.height * zoom) / 2);
  const at = (x: number, y: number) => ({ x: left + x * zoom, y: top + y * zoom });
  const from = at(SQUARE.x - 40, SQUARE.y + 30);
  const to = at(SQUARE.x + SQUARE.size + 40, SQUARE.y + 30);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
  await page.mouse.move(0, 0);
  await expect(clear).toBeEnabled();
  await expect(undo).toBeEnabled(); // The mask step enables Undo although the document has no history.
  await page.waitForTimeout(300);
  const stroked = await pixels(canvas);
  expect(differing(empty, stroked)).toBeGreaterThan(1000);
  await step(page, testInfo, 'stroke');

  await page.keyboard.press('Control+i');
  await page.waitForTimeout(300);
  const inverted = await pixels(canvas);
  expect(differing(stroked, inverted)).toBeGreaterThan(10_000);
  await step(page, testInfo, 'inverted');

  // Ctrl+Z takes the invert back: the overlay is the stroke again, pixel for pixel.
  await page.keyboard.press('Control+z');
  await expect(redo).toBeEnabled();
  await page.waitForTimeout(300);
  expect(differing(await pixels(canvas), stroked)).toBe(0);
  await step(page, testInfo, 'invert undone');

  // Then the stroke: the mask is empty and the history empty, so Undo turns off.
  await page.keyboard.press('Control+z');
  await expect(clear).toBeDisabled();
  await expect(undo).toBeDisabled();
  await page.waitForTimeout(300);
  expect(differing(await pixels(canvas), empty)).toBe(0);

  // Redo brings both back in order, and the toolbar's Redo does the same as the keys.
  await page.keyboard.press('Control+Shift+z');
  await expect(clear).toBeEnabled();
  await page.waitForTimeout(300);
  expect(differing(await pixels(canvas), stroked)).toBe(0);
  await redo.click();
  await expect(redo).toBeDisabled();
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  expect(differing(await pixels(canvas), inverted)).toBe(0);
  await step(page, testInfo, 'redone');

  // A fill is a document step newer than every mask step (and it clears the mask): Ctrl+Z takes
  // the fill back at once, not an older mask edit, and Ctrl+Shift+Z redoes it.
  const original = await page.evaluate(imageId);
  await page.getByTestId('inpaint-run').click();
  await page.waitForFunction((id) => (window as unknown as { __latentshop: DebugHook }).__latentshop.currentImage()?.id !== id, original, { timeout: 60_000 });
  const filled = await page.evaluate(imageId);
  await expect(clear).toBeDisabled();
  await page.keyboard.press('Control+z');
  await expect.poll(() => page.evaluate(imageId)).toBe(original);
  await expect(clear).toBeDisabled();
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(() => page.evaluate(imageId)).toBe(filled);
});

test('a mask over the whole image cannot start a fill, and the mask tints the photo in the Inpaint panel only', async ({ page, app }) => {
  await page.goto(app.url);
  await dropFile(page, '[data-testid=canvas]', 'square.png', await redSquarePng(), 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('400 × 300');
  const canvas = page.getByTestId('canvas');
  await page.keyboard.press('b');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300);
  const photo = await pixels(canvas);

  // Invert of an empty mask masks everything: nothing is left to fill from, and the panel says so.
  await page.keyboard.press('Control+i');
  await expect(page.getByTestId('inpaint-whole-mask')).toBeVisible();
  await expect(page.getByTestId('inpaint-run')).toBeDisabled();
  await page.waitForTimeout(300);
  const tinted = await pixels(canvas);
  expect(differing(photo, tinted)).toBeGreaterThan(10_000);

  // Another panel shows the photo as it is; coming back shows the mask again, kept as it was.
  await page.getByTestId('panel-tab-edit').click();
  await page.waitForTimeout(300);
  expect(differing(await pixels(canvas), photo)).toBe(0);
  await page.getByTestId('panel-tab-inpaint').click();
  await page.waitForTimeout(300);
  expect(differing(await pixels(canvas), tinted)).toBe(0);

  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('inpaint-whole-mask')).toBeHidden();
});
