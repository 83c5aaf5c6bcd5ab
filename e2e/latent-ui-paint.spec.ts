import { expect, test } from './fixtures/browser-mode';
import { fakeLatentEngine, jobSpecs, strokesOf } from './fixtures/fake-latent';
import { dropFile, step } from './fixtures/page-helpers';
import { hook, sneakerPng } from './fixtures/sneaker';
import { drag, line } from './fixtures/strokes';

/**
 * The Paint panel's wiring against a faked latent engine (fixtures/fake-latent.ts): strokes in
 * photo pixels, cancelling on a new stroke, stroke undo and erase, the gallery, Apply and history
 * undo. paint.spec.ts runs the flow on the real engine.
 */
test('paint: strokes in photo pixels, cancel on a new stroke, undo a stroke, erase, gallery, apply', async ({ page, app }, testInfo) => {
  const sent = await fakeLatentEngine(page);
  const debug = hook(page);
  const { png, spine } = await sneakerPng();
  await page.goto(app.url);
  await dropFile(page, '[data-testid=canvas]', 'sneaker.png', png, 'image/png');
  await expect(page.getByTestId('status-size')).toContainText('224 × 224');
  const original = await debug.currentImage();
  await page.getByTestId('panel-tab-paint').click();
  await page.getByTestId('paint-invert').click();
  await expect(page.getByTestId('paint-brush')).toHaveAttribute('title', /\(P\)/);
  expect(jobSpecs(sent, 'invert')[0]?.['method']).toBe('hybrid');
  await expect(page.getByTestId('paint-eraser')).toHaveAttribute('title', /Shift\+E/);

  await page.getByTestId('paint-colour').fill('#ff0000');
  await page.getByTestId('paint-size').fill('12');
  await drag(page, line(spine.y, spine.x0, spine.x1));
  await page.waitForTimeout(250); // The first constrain job starts after the 100 ms pause...
  await drag(page, [{ x: 20, y: 20 }, { x: 60, y: 20 }]); // ...and this stroke cancels it.
  await page.keyboard.press('Control+z'); // Removes the second stroke, not a history step.
  await expect.poll(() => debug.strokeCount()).toBe(1);
  expect((await debug.currentImage())?.id).toBe(original?.id);
  await expect(page.getByTestId('paint-candidate')).toHaveCount(4);
  const runs = jobSpecs(sent, 'constrain');
  expect(runs.length).toBeGreaterThanOrEqual(2);
  expect(sent.filter((s) => s.method === 'cancelJob').length).toBeGreaterThanOrEqual(1);
  const last = runs.at(-1);
  expect(last).toMatchObject({ sessionId: 'sess1', stayClose: 0.05, realism: 0.02 });
  expect(strokesOf(last)).toHaveLength(1);
  expect(strokesOf(last)[0]).toMatchObject({ kind: 'colour', colour: '#ff0000', size: 12 });
  const pts = strokesOf(last)[0]?.points ?? [];
  expect(Math.abs((pts[0]?.x ?? 0) - spine.x0)).toBeLessThan(1);
  expect(Math.abs((pts.at(-1)?.x ?? 0) - spine.x1)).toBeLessThan(1);
  expect(pts.every((p) => Math.abs(p.y - spine.y) < 1)).toBe(true);

  await page.getByTestId('paint-candidate').nth(2).click();
  await page.getByTestId('paint-interp').fill('0.5');
  await expect.poll(() => sent.filter((s) => s.method === 'previewEdit').at(-1)?.args).toEqual({
    sessionId: 'sess1', attributes: {}, useConstrained: true, candidate: 2, interpolation: 0.5,
  });
  await expect(page.getByTestId('paint-overlay')).toBeVisible();
  await step(page, testInfo, 'candidates');

  await page.keyboard.press('Shift+E');
  const mid = (spine.x0 + spine.x1) / 2;
  await drag(page, [{ x: mid, y: spine.y - 20 }, { x: mid, y: spine.y + 20 }]);
  await expect.poll(() => debug.strokeCount()).toBe(2); // Cut in two.
  await page.keyboard.press('Control+z');
  await expect.poll(() => debug.strokeCount()).toBe(1);

  await page.keyboard.press('i');
  await drag(page, [{ x: 172, y: 100 }]); // On the shoe's light upper, clear of strokes and the overlay.
  const picked = await page.getByTestId('paint-colour').inputValue();
  expect(picked).toMatch(/^#([0-9a-f]{2})\1\1$/); // A grey: the photo's own pixel, not the red brush.
  expect(parseInt(picked.slice(1, 3), 16)).toBeGreaterThan(100);
  await expect(page.getByTestId('paint-brush')).toHaveAttribute('aria-pressed', 'true');

  await page.getByTestId('paint-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id).not.toBe(original?.id);
  expect(jobSpecs(sent, 'applyEdit').at(-1)).toMatchObject({ useConstrained: true, interpolation: 0.5 });
  expect(await debug.strokeCount()).toBe(0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await debug.currentImage())?.id).toBe(original?.id);
});
