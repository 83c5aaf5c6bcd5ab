import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { exportPng, step } from './fixtures/page-helpers';
import { hook, meanAbsDiff, moveAttributeSlider, openSneakerPhoto, rgbOf } from './fixtures/sneaker';

/**
 * Issue 4 end to end: a Fashion-MNIST sneaker as a photo, hybrid inversion (4 starts) with a live
 * reconstruction, one attribute slider moved (the canvas changes inside the overlay's region),
 * the before/after split (left half back to the original), Apply as a history step, export.
 */
test('invert a sneaker, move an attribute, split, apply and export', async ({ page, app }, testInfo) => {
  test.setTimeout(240_000);
  const debug = hook(page);
  const { png } = await openSneakerPhoto(page, app.url);
  const original = await debug.currentImage();
  await page.getByTestId('panel-tab-edit').click();
  await page.getByTestId('edit-method').selectOption('hybrid');
  // Four starts: E's code and three ReStyle refinements of it, the closest kept (the default is one).
  await page.getByTestId('edit-starts').selectOption('4');
  await page.getByTestId('edit-run').click();
  // Live progress: the reconstruction shows up while (or as soon as) the optimiser runs.
  await expect(page.getByTestId('edit-recon')).toBeVisible({ timeout: 60_000 });
  const slider = page.locator('[data-testid^="attr-slider-"]').first();
  await expect(slider).toBeVisible({ timeout: 60_000 });
  // Sliders read as edits (the shipped labels), not as file keys.
  await expect(page.getByTestId('edit-attributes').getByText('Sneaker → Ankle boot', { exact: true })).toBeVisible();
  await expect(page.getByTestId('edit-attributes').getByText('→ Dress', { exact: true })).toBeVisible();
  await expect(page.getByTestId('edit-recon')).toHaveAttribute('src', /^data:image\//);
  await step(page, testInfo, 'inverted');
  const { before, after, rect } = await moveAttributeSlider(page, slider, '3');
  // α = 3 along a learned direction moves the product measurably: over 2 grey levels on average.
  const changed = meanAbsDiff(before, after, rect);
  expect(changed).toBeGreaterThan(2);
  await step(page, testInfo, 'slider moved');

  // Before/after: the overlay is clipped at the divider, so its left half shows the original again.
  await page.getByTestId('edit-split').fill('0.5');
  await page.waitForTimeout(300);
  const split = await rgbOf(await page.getByTestId('canvas').screenshot());
  const left = { ...rect, width: rect.width / 2 - 3 };
  const right = { ...rect, x: rect.x + rect.width / 2 + 3, width: rect.width / 2 - 3 };
  expect(meanAbsDiff(before, split, left)).toBeLessThan(1);
  expect(meanAbsDiff(after, split, right)).toBeLessThan(1);
  await step(page, testInfo, 'split');
  // The before/after key (\\, as in Lightroom): the whole region shows the original, then the divider returns.
  await page.keyboard.press('Backslash');
  await page.waitForTimeout(300);
  expect(meanAbsDiff(before, await rgbOf(await page.getByTestId('canvas').screenshot()), rect)).toBeLessThan(1);
  await page.keyboard.press('Backslash');
  await page.waitForTimeout(300);
  expect(meanAbsDiff(split, await rgbOf(await page.getByTestId('canvas').screenshot()), rect)).toBeLessThan(1);

  await page.getByTestId('edit-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id, { timeout: 60_000 }).not.toBe(original?.id);
  await expect(page.getByTestId('undo')).toBeEnabled();
  await step(page, testInfo, 'applied');

  const exported = await exportPng(page, app.exportDir);
  expect(await sharp(exported).metadata()).toMatchObject({ width: 224, height: 224, format: 'png' });
  // The edit is in the file: it differs from the photo we dropped.
  const a = await rgbOf(exported);
  const b = await rgbOf(png);
  expect(meanAbsDiff(a, b, { x: 0, y: 0, width: 224, height: 224 })).toBeGreaterThan(0.5);
  await step(page, testInfo, 'exported');

  // Apply, look, undo, adjust: undo brings back the original with its session and the slider
  // where it was, without a new inversion.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await debug.currentImage())?.id).toBe(original?.id);
  await expect(slider).toHaveValue('3');
  await expect(page.getByTestId('edit-overlay')).toBeVisible();
  await slider.fill('2');
  // In a 1024×700 window Apply stays in view in the panel's sticky footer, with the sliders
  // scrolling under it, rather than a window's height below the first of them.
  await page.setViewportSize({ width: 1024, height: 700 });
  const apply = page.getByTestId('edit-apply');
  const box = await apply.boundingBox();
  expect(box?.y ?? -1).toBeGreaterThanOrEqual(0);
  expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(700);
  // Nothing covers it (a slider scrolled under the footer, the Jobs list below the panel).
  expect(await apply.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === el;
  })).toBe(true);
  await step(page, testInfo, 'Apply in view at 1024×700');
  await apply.click();
  await expect.poll(async () => (await debug.currentImage())?.id, { timeout: 60_000 }).not.toBe(original?.id);
  await step(page, testInfo, 'undone, adjusted and applied again');
});
