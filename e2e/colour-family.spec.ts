import { expect, test } from './fixtures/browser-mode';
import { exportPng, step } from './fixtures/page-helpers';
import { hook, moveAttributeSlider, openSneakerPhoto, rgbOf, sampleAt, type Rgb } from './fixtures/sneaker';
import { drag, line } from './fixtures/strokes';

/** Blue, as the colour family's tests tint their products. */
const BLUE = [0.15, 0.3, 0.95] as const;

/** Mean red minus blue over the pixels of a rectangle that are not background (any channel above 40). */
function redMinusBlue(img: Rgb, r: { x: number; y: number; width: number; height: number }): number {
  let [sum, n] = [0, 0];
  for (let y = Math.ceil(r.y); y < Math.floor(r.y + r.height); y += 1) {
    for (let x = Math.ceil(r.x); x < Math.floor(r.x + r.width); x += 1) {
      const o = (y * img.width + x) * 3;
      const [red, green, blue] = [img.data[o] ?? 0, img.data[o + 1] ?? 0, img.data[o + 2] ?? 0];
      if (Math.max(red, green, blue) <= 40) continue;
      sum += red - blue;
      n += 1;
    }
  }
  return n ? sum / n : 0;
}

/**
 * The shipped RGB family beside the grey one: the Edit panel's family picker, an inversion
 * in colour, the "→ Red" attribute recolouring a blue sneaker on the canvas, and the edit
 * applied and exported in colour.
 */
test('pick the colour family, invert a blue sneaker, turn it red, apply and export', async ({ page, app }, testInfo) => {
  test.setTimeout(240_000);
  const debug = hook(page);
  const { png } = await openSneakerPhoto(page, app.url, BLUE);
  const original = await debug.currentImage();
  await page.getByTestId('panel-tab-edit').click();

  // The grey family is the default; the colour one is a pick away.
  const picker = page.getByTestId('edit-family');
  await expect(picker).toHaveValue('fashion');
  await picker.selectOption('fashion-colour');
  await page.getByTestId('edit-method').selectOption('hybrid');
  await page.getByTestId('edit-run').click();
  const slider = page.getByTestId('attr-slider-colour-red');
  await expect(slider).toBeVisible({ timeout: 60_000 });

  // The reconstruction is a blue product: blue above red where the product is.
  const reconUrl = (await page.getByTestId('edit-recon').getAttribute('src')) ?? '';
  const recon = await rgbOf(Buffer.from(reconUrl.split(',')[1] ?? '', 'base64'));
  expect(redMinusBlue(recon, { x: 0, y: 0, width: recon.width, height: recon.height })).toBeLessThan(-40);
  await step(page, testInfo, 'inverted in colour');

  const { before, after, rect } = await moveAttributeSlider(page, slider, '3');
  expect(redMinusBlue(after, rect) - redMinusBlue(before, rect)).toBeGreaterThan(40);
  await step(page, testInfo, 'turned red');

  await page.getByTestId('edit-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id, { timeout: 60_000 }).not.toBe(original?.id);
  const [photo, exported] = await Promise.all([rgbOf(png), exportPng(page, app.exportDir).then(rgbOf)]);
  const whole = { x: 0, y: 0, width: 224, height: 224 };
  expect(redMinusBlue(exported, whole) - redMinusBlue(photo, whole)).toBeGreaterThan(40);
  await step(page, testInfo, 'exported');

  // Back to the grey family: the colour session ends, and so do its sliders.
  await picker.selectOption('fashion');
  await expect(slider).toBeHidden();
});

/**
 * iGAN's colour strokes, in colour: on a blue sneaker, a red stroke along the shoe, with the
 * colour family picked in the Paint panel, turns it red there once applied.
 */
test('paint a red stroke on a blue sneaker with the colour family and it turns red', async ({ page, app }, testInfo) => {
  test.setTimeout(240_000);
  const debug = hook(page);
  const { spine } = await openSneakerPhoto(page, app.url, BLUE);
  const original = await debug.currentImage();
  await page.getByTestId('panel-tab-paint').click();
  await page.getByTestId('paint-family').selectOption('fashion-colour');
  await page.getByTestId('paint-invert').click();
  await expect(page.getByTestId('paint-brush')).toBeVisible({ timeout: 90_000 });
  await page.waitForTimeout(300);
  const before = await rgbOf(await page.getByTestId('canvas').screenshot());

  await expect(page.getByTestId('paint-grey-note')).toBeHidden();
  await page.getByTestId('paint-brush').click();
  await page.getByTestId('paint-colour').fill('#ff0000');
  await page.getByTestId('paint-size').fill('12');
  const strokeView = await drag(page, line(spine.y, spine.x0, spine.x1));
  await expect(page.getByTestId('paint-candidate')).toHaveCount(4, { timeout: 90_000 });
  await page.getByTestId('paint-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id, { timeout: 60_000 }).not.toBe(original?.id);
  await expect.poll(() => debug.strokeCount()).toBe(0);
  await page.waitForTimeout(300);
  const after = await rgbOf(await page.getByTestId('canvas').screenshot());
  await step(page, testInfo, 'painted red');

  // Blue to red shows best in R − B under the stroke (sampleAt gives luminance and R − G).
  const redness = (img: Rgb) => strokeView.reduce((sum, p) => {
    const o = (Math.round(p.y) * img.width + Math.round(p.x)) * 3;
    return sum + (img.data[o] ?? 0) - (img.data[o + 2] ?? 0);
  }, 0) / strokeView.length;
  const measured = `R−B under the stroke ${redness(before).toFixed(1)} → ${redness(after).toFixed(1)}; luma ${sampleAt(before, strokeView).luma.toFixed(1)} → ${sampleAt(after, strokeView).luma.toFixed(1)}`;
  testInfo.annotations.push({ type: 'measure', description: measured });
  console.log(measured);
  expect(redness(before)).toBeLessThan(0);
  expect(redness(after) - redness(before)).toBeGreaterThan(60);
});
