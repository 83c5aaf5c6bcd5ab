import sharp from 'sharp';
import { expect, test } from './fixtures/browser-mode';
import { FAKE_REGION, fakeLatentEngine, jobSpecs } from './fixtures/fake-latent';
import { dropFile, step } from './fixtures/page-helpers';
import { hook, meanAbsDiff, rgbOf, sneakerPng } from './fixtures/sneaker';

/**
 * The Models and Edit panels' wiring against a faked latent engine (fixtures/fake-latent.ts):
 * what the UI sends (specs, slider maps, examples) and how it draws what comes back.
 * latent-edit.spec.ts runs the flow on the real engine.
 */
test('models grid, inversion, learning an attribute, slider preview, split, apply, undo', async ({ page, app }, testInfo) => {
  const sent = await fakeLatentEngine(page);
  const debug = hook(page);
  const { png } = await sneakerPng();
  await page.goto(app.url);
  await dropFile(page, '[data-testid=canvas]', 'sneaker.png', png, 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('224 × 224');
  const original = await debug.currentImage();

  await page.getByTestId('panel-tab-models').click();
  await expect(page.getByTestId('models-list')).toContainText('fashion');
  await expect(page.getByTestId('models-grid')).toHaveAttribute('src', /^data:image\/png/);
  expect(jobSpecs(sent, 'sample')[0]).toMatchObject({ family: 'fashion', count: 16, seed: 1 });

  await page.getByTestId('panel-tab-edit').click();
  await page.getByTestId('edit-method').selectOption('optimize');
  await page.getByTestId('edit-run').click();
  await expect(page.getByTestId('edit-recon')).toBeVisible();
  await expect(page.getByTestId('attr-slider-high-top')).toBeVisible();
  expect(jobSpecs(sent, 'invert')[0]).toEqual({ op: 'invert', imageId: original?.id, family: 'fashion', method: 'optimize' });

  await page.getByTestId('learn-open').click();
  await dropFile(page, '[data-testid=learn-pos]', 'a.png', png, 'image/png');
  await dropFile(page, '[data-testid=learn-pos]', 'b.png', await sharp(png).negate().png().toBuffer(), 'image/png');
  await dropFile(page, '[data-testid=learn-neg]', 'c.png', png, 'image/png');
  await page.getByTestId('learn-name').fill('dark-sole');
  await page.getByTestId('learn-run').click();
  await expect(page.getByTestId('learn-dialog')).toBeHidden();
  await expect(page.getByTestId('attr-slider-dark-sole')).toBeVisible();
  const learnt = jobSpecs(sent, 'learnAttribute')[0];
  expect(learnt).toMatchObject({ name: 'dark-sole', method: 'encoder' });
  expect([learnt?.['positives'], learnt?.['negatives']].map((ids) => (ids as string[]).length)).toEqual([2, 1]);
  await expect.poll(() => sent.filter((s) => s.method === 'releaseImage').length).toBe(3); // Examples are freed.
  expect((await debug.currentImage())?.id).toBe(original?.id); // ...and never became the document.

  await page.waitForTimeout(200);
  const before = await rgbOf(await page.getByTestId('canvas').screenshot());
  await page.getByTestId('attr-slider-high-top').fill('2.04');
  await page.getByTestId('attr-slider-dark-sole').fill('-1');
  await expect(page.getByTestId('edit-overlay')).toBeVisible();
  const previews = sent.filter((s) => s.method === 'previewEdit');
  expect(previews.at(-1)?.args).toEqual({ sessionId: 'sess1', attributes: { 'high-top': 2, 'dark-sole': -1 } });
  const rect = await debug.overlayRect();
  const corner = await debug.toView({ x: FAKE_REGION.x, y: FAKE_REGION.y });
  expect(rect?.x).toBeCloseTo(corner.x, 3);
  expect(rect?.y).toBeCloseTo(corner.y, 3);
  if (!rect) throw new Error('no overlay');
  await page.waitForTimeout(200);
  const after = await rgbOf(await page.getByTestId('canvas').screenshot());
  expect(meanAbsDiff(before, after, rect)).toBeGreaterThan(20);
  await page.getByTestId('edit-split').fill('0.5');
  await page.waitForTimeout(200);
  const split = await rgbOf(await page.getByTestId('canvas').screenshot());
  expect(meanAbsDiff(before, split, { ...rect, width: rect.width / 2 - 3 })).toBeLessThan(1);
  expect(meanAbsDiff(after, split, { ...rect, x: rect.x + rect.width / 2 + 3, width: rect.width / 2 - 3 })).toBeLessThan(1);
  await step(page, testInfo, 'split');

  await page.getByTestId('edit-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id).not.toBe(original?.id);
  await expect(page.getByTestId('edit-overlay')).toBeHidden();
  expect(jobSpecs(sent, 'applyEdit')).toEqual([{ op: 'applyEdit', sessionId: 'sess1', attributes: { 'high-top': 2, 'dark-sole': -1 } }]);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await debug.currentImage())?.id).toBe(original?.id);
  expect(sent.some((s) => s.method === 'closeLatentSession')).toBe(true);
});
