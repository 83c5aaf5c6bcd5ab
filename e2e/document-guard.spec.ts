import { expect, test } from './fixtures/browser-mode';
import { splitColourJpeg } from './fixtures/images';
import { dropFile, step } from './fixtures/page-helpers';
import { openSneakerPhoto } from './fixtures/sneaker';

/**
 * Work is never lost by accident: undo waits while a job writes into the image (its result must
 * land on the step it came from), and opening another image asks first while an edit is not
 * exported or a job still runs (yes cancels the job). An exported image opens without a question.
 */
test('undo waits for a running job, and opening another image asks before it closes work', async ({ page, app }, testInfo) => {
  test.setTimeout(180_000);
  await openSneakerPhoto(page, app.url);
  const photo = await splitColourJpeg(1200, 800);
  const confirm = page.getByTestId('confirm-dialog');

  // A file dropped on a dialog (not on a drop zone of its own) leaves the photo behind it alone.
  await page.getByTestId('resize').click();
  await dropFile(page, '[data-testid=resize-dialog]', 'split.jpg', photo, 'image/jpeg');
  await page.waitForTimeout(500);
  await expect(page.getByTestId('resize-dialog')).toBeVisible();
  await expect(page.getByTestId('status-size')).toContainText('224 × 224');
  await page.keyboard.press('Escape');

  // A painted mask is work too: opening another image asks.
  await page.keyboard.press('b');
  const box = (await page.getByTestId('canvas').boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  await page.mouse.move(box.x + box.width / 2 - 60, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('mask-clear')).toBeEnabled();
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await expect(confirm).toContainText('not applied yet');
  await confirm.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('status-size')).toContainText('224 × 224');
  await page.getByTestId('mask-clear').click();

  await page.getByTestId('resize').click();
  await page.getByTestId('resize-scale').fill('50');
  await page.getByTestId('resize-run').click();
  await expect(page.getByTestId('status-size')).toContainText('112 × 112');

  // Optimise runs 500 steps: long enough to try undo and another image while it works.
  await page.getByTestId('panel-tab-edit').click();
  await page.getByTestId('edit-method').selectOption('optimize');
  await page.getByTestId('edit-run').click();
  const invertRow = page.getByTestId('job-invert').first();
  await expect(invertRow).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast').last()).toContainText('still running');
  await expect(page.getByTestId('status-size')).toContainText('112 × 112');
  await step(page, testInfo, 'undo refused while inverting');

  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await expect(confirm).toContainText('still running');
  await step(page, testInfo, 'asked while inverting');
  await confirm.getByTestId('confirm-cancel').click();
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('status-size')).toContainText('112 × 112');
  await expect(invertRow).toHaveAttribute('data-state', 'running');

  // Esc answers no, as Cancel does.
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await expect(confirm).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('status-size')).toContainText('112 × 112');

  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await confirm.getByTestId('confirm-ok').click();
  await expect(page.getByTestId('status-size')).toContainText('1200 × 800');
  await expect(invertRow).toHaveAttribute('data-state', 'cancelled', { timeout: 5_000 });
  await expect(page.getByTestId('edit-run')).toBeEnabled();
  await expect(page.getByTestId('edit-recon')).toHaveCount(0);
  await step(page, testInfo, 'replaced after yes, inversion cancelled');

  // Unexported edit: asked; once exported: not asked.
  await page.getByTestId('resize').click();
  await page.getByTestId('resize-scale').fill('50');
  await page.getByTestId('resize-run').click();
  await expect(page.getByTestId('status-size')).toContainText('600 × 400');
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await expect(confirm).toContainText('not exported');
  await confirm.getByTestId('confirm-cancel').click();
  await page.getByTestId('export').click();
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('toast').last()).toContainText('Exported');
  await dropFile(page, '[data-testid=canvas]', 'split.jpg', photo, 'image/jpeg');
  await expect(page.getByTestId('status-size')).toContainText('1200 × 800');
  await expect(confirm).toHaveCount(0);
});
