import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { dropFiles } from './fixtures/page-helpers';
import { fashionPngs, openSneakerPhoto } from './fixtures/sneaker';

/** The data-testid of the focused element, or its tag when it has none (e.g. BODY). */
const focused = (page: Page): Promise<string> =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName ?? '');
const focusInside = (page: Page, testid: string): Promise<boolean> =>
  page.evaluate((id) => document.querySelector(`[data-testid=${id}]`)?.contains(document.activeElement) ?? false, testid);

/**
 * A photographer without a mouse: dialogs keep Tab inside and give focus back on closing, the
 * Resize dialog opens on its value, the language menu works with arrows and Esc, an attribute's
 * recommended strength is one key away, and the Learn dialog's Clear does not open the picker.
 */
test('the keyboard alone reaches dialogs, menus and sliders, and focus is never lost to the page', async ({ page, app }) => {
  test.setTimeout(120_000);
  await openSneakerPhoto(page, app.url);

  // Export: opened from its toolbar button with Enter; Tab cycles inside; Esc hands focus back.
  await page.getByTestId('export').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  for (let i = 0; i < 12; i += 1) {
    await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
    expect(await focusInside(page, 'export-dialog'), `Tab ${i}`).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  expect(await focused(page)).toBe('export');

  // Resize: typing goes straight into the scale, Enter runs it, focus returns to the button.
  await page.getByTestId('resize').focus();
  await page.keyboard.press('Enter');
  expect(await focused(page)).toBe('resize-scale');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('50');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('status-size')).toContainText('112 × 112', { timeout: 30_000 });
  expect(await focused(page)).toBe('resize');

  // The language menu: Enter opens it on the current language, arrows move, Esc closes it.
  await page.getByTestId('settings').focus();
  await page.keyboard.press('Enter');
  expect(await focused(page)).toBe('locale-en');
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toBe('locale-zh-CN');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('locale-en')).toBeHidden();
  expect(await focused(page)).toBe('settings');

  // The panel tabs are one Tab stop: arrows walk them and open each; End reaches the last.
  await page.getByTestId('panel-tab-adjust').focus();
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toBe('panel-tab-inpaint');
  await expect(page.getByTestId('panel-tab-inpaint')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  expect(await focused(page)).toBe('panel-tab-sr');
  for (let i = 0; i < 2; i += 1) await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toBe('panel-tab-edit');
  await expect(page.getByTestId('panel-edit')).toBeVisible();

  // The region, typed: left 20 and width 300 (too wide) is clamped to the image, 112 px since the resize.
  await page.getByTestId('edit-rect-x').fill('20');
  await page.keyboard.press('Tab');
  await page.getByTestId('edit-rect-width').fill('300');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('edit-rect-width')).toHaveValue('92');
  await expect(page.getByTestId('edit-region')).toContainText('92 × 112 at 20, 0');

  // Run from the keyboard: when the inversion is done, focus is on the first slider, not lost.
  await page.getByTestId('edit-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="attr-slider-"]').first()).toBeFocused({ timeout: 60_000 });

  // An attribute's recommended strength: Enter on its slider sets it, and Enter again goes back to 0.
  const dress = page.getByTestId('attr-slider-class-dress');
  await dress.focus();
  await page.keyboard.press('Enter');
  await expect(dress).toHaveValue('3'); // The shipped calibration (models/fashion/attributes.json).
  await page.keyboard.press('Enter');
  await expect(dress).toHaveValue('0');
  await page.keyboard.press('Enter');

  // Apply from the keyboard: the sliders go with the session, and focus goes to Run.
  await page.getByTestId('edit-apply').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('edit-run')).toBeFocused({ timeout: 30_000 });

  // Cancel from the keyboard: the row's button goes, and focus stays in the Jobs list.
  await page.getByTestId('edit-method').selectOption('optimize');
  await page.getByTestId('edit-run').click();
  const cancel = page.getByTestId('job-invert').last().getByTestId('job-cancel');
  await cancel.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-invert').last()).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('jobs')).toBeFocused();

  // The Edit panel's own Cancel: Run goes disabled under the focus and hands it to Cancel; Enter
  // there cancels, and focus is back on Run rather than the page. The abandoned run's preview
  // goes too: with no caption and no sliders, it would read as a result.
  await page.getByTestId('edit-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('edit-cancel')).toBeFocused({ timeout: 30_000 });
  await expect(page.getByTestId('edit-recon')).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('job-invert').last()).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('edit-run')).toBeFocused();
  await expect(page.getByTestId('edit-recon')).toHaveCount(0);

  // Change region ends the session: focus goes to the region's first field, to type another.
  await page.getByTestId('edit-method').selectOption('encoder');
  await page.getByTestId('edit-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid^="attr-slider-"]').first()).toBeFocused({ timeout: 60_000 });
  await page.getByTestId('edit-new-region').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('edit-rect-x')).toBeFocused();
  await page.getByTestId('edit-method').selectOption('hybrid');

  // Learn attribute: Clear empties a drop zone without also opening the file picker.
  let pickers = 0;
  page.on('filechooser', () => (pickers += 1));
  await page.getByTestId('learn-open').click();
  await dropFiles(page, '[data-testid=learn-pos]', await fashionPngs(9, 3));
  await expect(page.getByTestId('learn-pos')).toHaveAttribute('data-count', '3');
  await page.getByTestId('learn-pos-clear').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('learn-pos')).toHaveAttribute('data-count', '0');
  await page.getByTestId('learn-pos-pick').focus();
  await page.keyboard.press('Space');
  await expect.poll(() => pickers).toBe(1); // Space on the zone's button opens the picker, once.
  expect(await focusInside(page, 'learn-dialog')).toBe(true);
});

/**
 * A mask without a pointer: the Rectangle tool (M) takes a typed rectangle, and its buttons mask
 * or unmask it exactly. The saved mask is white on those pixels and black on every other.
 */
test('the keyboard alone makes a mask from typed rectangles', async ({ page, app }) => {
  await openSneakerPhoto(page, app.url);
  await page.getByTestId('panel-tab-inpaint').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('panel-inpaint')).toBeVisible();
  await page.getByTestId('mask-tool-rect').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mask-tool-rect')).toHaveAttribute('aria-pressed', 'true');
  const typeRect = async (x: number, y: number, width: number, height: number): Promise<void> => {
    for (const [key, value] of Object.entries({ x, y, width, height })) {
      await page.getByTestId(`mask-rect-${key}`).fill(String(value));
      await page.keyboard.press('Enter');
    }
  };
  await typeRect(30, 40, 100, 60);
  await page.getByTestId('mask-rect-add').focus();
  await page.keyboard.press('Enter');
  await typeRect(50, 50, 20, 30);
  await page.getByTestId('mask-rect-remove').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('inpaint-run')).toBeEnabled();
  await page.getByTestId('mask-export').focus();
  await page.keyboard.press('Enter');
  const saved = join(app.exportDir, 'sneaker.mask.png');
  await expect.poll(() => existsSync(saved), { timeout: 10_000 }).toBe(true);
  const { data, info } = await sharp(saved).greyscale().raw().toBuffer({ resolveWithObject: true });
  const inside = (x: number, y: number, r: { x: number; y: number; w: number; h: number }): boolean => x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
  let wrong = 0;
  for (let y = 0; y < info.height; y += 1) {
    for (let x = 0; x < info.width; x += 1) {
      const masked = inside(x, y, { x: 30, y: 40, w: 100, h: 60 }) && !inside(x, y, { x: 50, y: 50, w: 20, h: 30 });
      if ((data[y * info.width + x] ?? 0) !== (masked ? 255 : 0)) wrong += 1;
    }
  }
  expect(wrong).toBe(0);
});
