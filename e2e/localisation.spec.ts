import { expect, test } from './fixtures/browser-mode';
import { boxMaskPng, redSquarePng } from './fixtures/inpaint-images';
import { dropFile, dropFiles, step } from './fixtures/page-helpers';
import { openSneakerPhoto } from './fixtures/sneaker';

/**
 * Engine errors in the photographer's language: with the UI in Chinese, the real engine's
 * refusals of a damaged file, an empty file and a batch image without its mask read in
 * Chinese, and still name the file. Switching back to English words them in English again.
 */
test('engine errors are worded in the chosen language and name the file', async ({ page, app }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await page.getByTestId('settings').click();
  await page.getByTestId('locale-zh-CN').click();
  // The backend report too: why this one (the fixture forces wasm, for the same speed everywhere) and SIMD.
  await expect(page.getByTestId('status-backend')).toHaveAttribute('title', '由 LATENTSHOP_BACKEND 指定。\nWebAssembly SIMD 已开启。');

  const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
  await dropFile(page, '[data-testid=canvas]', 'broken.jpg', damaged, 'image/jpeg');
  await expect(page.getByTestId('toast').filter({ hasText: 'broken.jpg' })).toContainText('无法打开 broken.jpg：文件已损坏');

  await dropFile(page, '[data-testid=canvas]', 'half-copied.png', Buffer.alloc(0), 'image/png');
  await expect(page.getByTestId('toast').filter({ hasText: 'half-copied.png' })).toContainText('half-copied.png 是空文件（0 字节）');
  await step(page, testInfo, 'refusals in Chinese');

  // A batch: one image with its mask, one without. The report line for the second is Chinese too.
  await page.getByTestId('panel-tab-batch').click();
  const image = await redSquarePng(200, 150);
  await dropFiles(page, '[data-testid=batch-drop]', [
    { name: 'paired.png', bytes: image, type: 'image/png' },
    { name: 'paired.mask.png', bytes: await boxMaskPng(200, 150, { x: 80, y: 50, w: 40, h: 40 }), type: 'image/png' },
    { name: 'lonely.png', bytes: image, type: 'image/png' },
  ]);
  // Said before the run too: the image that will fail for want of a mask.
  await expect(page.getByTestId('batch-unpaired')).toContainText('lonely.png 没有蒙版');
  await page.getByTestId('batch-run').click();
  const failure = page.getByTestId('batch-failure').filter({ hasText: 'lonely.png' });
  await expect(failure).toContainText('lonely.png 没有蒙版：请在它旁边放置 lonely.mask.png', { timeout: 60_000 });
  await step(page, testInfo, 'batch failure in Chinese');

  // The same record, worded again in English when the language changes.
  await page.getByTestId('settings').click();
  await page.getByTestId('locale-en').click();
  await expect(failure).toContainText('No mask for lonely.png: put lonely.mask.png beside it');
});

/**
 * Model packages carry their own translations: with the UI in Chinese the shipped family's
 * title (Models panel) and its attribute sliders (Edit panel, after a real hybrid inversion)
 * read in Chinese, and in English again after switching back.
 */
test('model titles and attribute sliders follow the chosen language', async ({ page, app }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(app.url);
  await page.getByTestId('settings').click();
  await page.getByTestId('locale-zh-CN').click();
  await openSneakerPhoto(page, app.url); // The choice of language outlives the reload.

  await page.getByTestId('panel-tab-models').click();
  await expect(page.locator('h3.title').filter({ hasText: '服装产品（Fashion-MNIST DCGAN）' })).toBeVisible();

  await page.getByTestId('panel-tab-edit').click();
  await page.getByTestId('edit-run').click();
  const dress = page.locator('label.row', { has: page.getByTestId('attr-slider-class-dress') });
  await expect(dress).toContainText('→ 连衣裙', { timeout: 60_000 });
  await expect(page.locator('label.row', { has: page.getByTestId('attr-slider-sneaker-to-ankle-boot') })).toContainText('运动鞋 → 短靴');
  await step(page, testInfo, 'sliders in Chinese');

  await page.getByTestId('settings').click();
  await page.getByTestId('locale-en').click();
  await expect(dress).toContainText('→ Dress');
  await expect(dress).not.toContainText('连衣裙');
});
