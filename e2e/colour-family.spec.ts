import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { dropFile, step } from './fixtures/page-helpers';
import { hook, moveAttributeSlider, rgbOf } from './fixtures/sneaker';

/**
 * A second, RGB family installed beside the shipped grey one (small random nets, made by
 * scripts/make-test-family.ts; the engine is the real one): the Edit panel offers a family
 * picker, inverts in colour, and its edit lands in the photo per channel.
 */
let modelsRoot = '';
test.beforeAll(() => {
  modelsRoot = mkdtempSync(join(tmpdir(), 'latentshop-e2e-models-'));
  symlinkSync(resolve('models/fashion'), join(modelsRoot, 'fashion'));
  execFileSync('npx', ['tsx', 'scripts/make-test-family.ts', modelsRoot, 'colour-test', '3', 'Colour test'], { stdio: 'ignore' });
  process.env['LATENTSHOP_MODELS'] = modelsRoot;
});
test.afterAll(() => {
  delete process.env['LATENTSHOP_MODELS'];
  rmSync(modelsRoot, { recursive: true, force: true });
});

/** An orange product on black, as a photo. */
function orangePhoto(): Promise<Buffer> {
  const data = Buffer.alloc(160 * 160 * 3);
  for (let y = 40; y < 120; y += 1) for (let x = 30; x < 130; x += 1) data.set([230, 120, 30], (y * 160 + x) * 3);
  return sharp(data, { raw: { width: 160, height: 160, channels: 3 } }).png().toBuffer();
}

/** Pixels whose R, G and B moved by different amounts (more than 3 levels apart) between two same-size images. */
function tintedChanges(a: { data: Buffer }, b: { data: Buffer }): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 3) {
    const moves = [0, 1, 2].map((c) => (b.data[i + c] ?? 0) - (a.data[i + c] ?? 0));
    if (Math.max(...moves) - Math.min(...moves) > 3) n += 1;
  }
  return n;
}

test('pick an RGB family, invert in colour, edit per channel, apply and export', async ({ page, app }, testInfo) => {
  test.setTimeout(180_000);
  const debug = hook(page);
  const photo = await orangePhoto();
  await page.goto(app.url);
  await dropFile(page, '[data-testid=canvas]', 'orange.png', photo, 'image/png');
  await page.getByTestId('status-size').filter({ hasText: '160 × 160' }).waitFor();
  const original = await debug.currentImage();
  await page.getByTestId('panel-tab-edit').click();

  // Two families: the shipped one is the default; the RGB one is a pick away.
  const picker = page.getByTestId('edit-family');
  await expect(picker).toHaveValue('fashion');
  expect((await picker.locator('option').allTextContents()).map((t) => t.trim()).sort()).toEqual(['Colour test', 'Fashion products (Fashion-MNIST DCGAN)']);
  await picker.selectOption('colour-test');
  await page.getByTestId('edit-method').selectOption('hybrid');
  await page.getByTestId('edit-run').click();
  const slider = page.getByTestId('attr-slider-test-direction');
  await expect(slider).toBeVisible({ timeout: 60_000 });

  // The reconstruction is in colour: R, G and B differ on most of it.
  const reconUrl = (await page.getByTestId('edit-recon').getAttribute('src')) ?? '';
  const recon = await rgbOf(Buffer.from(reconUrl.split(',')[1] ?? '', 'base64'));
  let coloured = 0;
  for (let i = 0; i < recon.data.length; i += 3) if (recon.data[i] !== recon.data[i + 2]) coloured += 1;
  expect(coloured / (recon.width * recon.height)).toBeGreaterThan(0.5);
  await step(page, testInfo, 'inverted in colour');

  const { before, after, rect } = await moveAttributeSlider(page, slider, '3');
  expect(rect.width).toBeGreaterThan(0);
  expect(after.data.equals(before.data)).toBe(false);
  await step(page, testInfo, 'slider moved');

  await page.getByTestId('edit-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id, { timeout: 60_000 }).not.toBe(original?.id);
  await page.getByTestId('export').click();
  await page.getByTestId('export-format').selectOption('png');
  await page.getByTestId('export-run').click();
  await expect(page.getByTestId('toast').last()).toContainText('.png');
  const files = readdirSync(app.exportDir).filter((f) => f.endsWith('.png'));
  expect(files).toHaveLength(1);
  // In the exported photo the edit moved R, G and B each its own way (a grey family moves them alike).
  const [orig, edited] = await Promise.all([rgbOf(photo), rgbOf(readFileSync(join(app.exportDir, files[0] ?? '')))]);
  expect(tintedChanges(orig, edited)).toBeGreaterThan(500);
  await step(page, testInfo, 'exported');

  // Back to the shipped family: the colour session ends, and so do its sliders.
  await picker.selectOption('fashion');
  await expect(slider).toBeHidden();
});
