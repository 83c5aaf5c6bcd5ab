import { expect, test } from './fixtures/browser-mode';

/**
 * The Models panel samples each GAN family on its first visit, but not when arrow keys only walk
 * past its tab: those sample jobs were queued ahead of whatever the user ran next.
 */
test('walking the panel tabs past Models starts no job; staying on it shows samples', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await page.getByTestId('panel-tab-adjust').focus();
  for (const tab of ['inpaint', 'batch', 'models', 'edit']) {
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId(`panel-tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
  }
  await page.waitForTimeout(1000);
  await expect(page.getByTestId('job-sample')).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('panel-tab-models')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('job-sample').first()).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('panel-models').locator('img').first()).toBeVisible({ timeout: 60_000 });
});
