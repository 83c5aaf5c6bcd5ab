import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cosineSimilarity } from '../models/metrics/linalg';
import { expect, test } from './fixtures/browser-mode';
import { dropFiles, step } from './fixtures/page-helpers';
import { fashionPngs, meanAbsDiff, moveAttributeSlider, openSneakerPhoto } from './fixtures/sneaker';

const SNEAKER = 7;
const ANKLE_BOOT = 9;

interface AttributeJson { name: string; vector: number[]; provenance?: { method: string; positives: number; negatives: number } }

/**
 * Issue 4's "Learn attribute" dialog end to end: two dropped sets of product shots (ankle boots
 * against sneakers, from Fashion-MNIST's training split) plus one broken file, learned by the
 * real engine with progress; the new vector lands in the user's attributes file with its
 * provenance, points the way the shipped sneaker → ankle boot transform does, its slider
 * edits the photo, and it can be removed again (built-in attributes cannot).
 */
test('learn an attribute from two dropped sets, edit with its slider, then remove it', async ({ page, app }, testInfo) => {
  test.setTimeout(240_000);
  await openSneakerPhoto(page, app.url);
  await page.getByTestId('panel-tab-edit').click();
  await page.getByTestId('edit-method').selectOption('encoder');
  await page.getByTestId('edit-run').click();
  await expect(page.locator('[data-testid^="attr-slider-"]').first()).toBeVisible({ timeout: 60_000 });

  await page.getByTestId('learn-open').click();
  await expect(page.getByTestId('learn-dialog')).toBeVisible();
  await page.getByTestId('learn-name').fill('boot-look');
  const broken = { name: 'broken.png', bytes: Buffer.from('not a png at all'), type: 'image/png' };
  const notes = { name: 'notes.txt', bytes: Buffer.from('sidecar'), type: 'text/plain' };
  const empty = { name: 'empty.png', bytes: Buffer.alloc(0), type: 'image/png' };
  await dropFiles(page, '[data-testid=learn-pos]', [...(await fashionPngs(ANKLE_BOOT, 8)), broken, notes]);
  await dropFiles(page, '[data-testid=learn-neg]', [...(await fashionPngs(SNEAKER, 8)), empty]);
  // The text file is not an example; the broken and the empty PNG are, until they fail to open.
  await expect(page.getByTestId('learn-pos')).toHaveAttribute('data-count', '9');
  await expect(page.getByTestId('learn-neg')).toHaveAttribute('data-count', '9');
  await step(page, testInfo, 'dropped');

  // Progress and toasts may come and go between two polls; a page-side observer sees every change.
  await page.evaluate(() => {
    const seen = { progress: false, toasts: [] as string[] };
    (window as unknown as { __learnSeen: typeof seen }).__learnSeen = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=learn-progress]')) seen.progress = true;
      for (const toast of document.querySelectorAll('[data-testid=toast]')) {
        const text = toast.textContent ?? '';
        if (!seen.toasts.includes(text)) seen.toasts.push(text);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.getByTestId('learn-method').selectOption('encoder');
  await page.getByTestId('learn-run').click();
  await expect(page.getByTestId('learn-dialog')).toBeHidden({ timeout: 120_000 });
  await expect(page.getByTestId('toast').filter({ hasText: 'boot-look' })).toBeVisible();
  const seen = await page.evaluate(() => (window as unknown as { __learnSeen: { progress: boolean; toasts: string[] } }).__learnSeen);
  expect(seen.progress).toBe(true);
  // The bad files are skipped with their names and problems, as sentences in one toast ("…finished.;
  // …" was what a "; " join made of them); the eight good ones a side are learned.
  const skipped = seen.toasts.filter((text) => text.includes('Skipped:'));
  expect(skipped).toHaveLength(1);
  expect(skipped[0]).toMatch(/Skipped: broken\.png could not be opened: it is damaged[^;]*\. empty\.png is empty \(0 bytes\): the copy or download may not have finished\./);
  expect(skipped[0]).not.toContain('.;');
  // Stored with its provenance, beside (not inside) the shipped file.
  const stored = JSON.parse(readFileSync(join(app.stateDir, 'attributes', 'fashion.json'), 'utf8')) as { attributes: AttributeJson[] };
  const learned = stored.attributes.find((a) => a.name === 'boot-look');
  expect(learned?.provenance).toMatchObject({ method: 'encoder', positives: 8, negatives: 8 });
  const shipped = JSON.parse(readFileSync('models/fashion/attributes.json', 'utf8')) as { attributes: AttributeJson[] };
  const reference = shipped.attributes.find((a) => a.name === 'sneaker-to-ankle-boot');
  // Eight examples a side already point where 20 000 labelled codes do.
  const agreement = cosineSimilarity(learned?.vector ?? [], reference?.vector ?? []);
  testInfo.annotations.push({ type: 'cosine to sneaker-to-ankle-boot', description: agreement.toFixed(3) });
  expect(agreement).toBeGreaterThan(0.6);

  const slider = page.getByTestId('attr-slider-boot-look');
  await expect(slider).toBeVisible();
  const moved = await moveAttributeSlider(page, slider, '2');
  expect(meanAbsDiff(moved.before, moved.after, moved.rect)).toBeGreaterThan(2);
  await step(page, testInfo, 'learned slider moved');

  // Only learned attributes can be removed, after a confirmation; the file keeps the rest.
  await expect(page.getByTestId('attr-remove-sneaker-to-ankle-boot')).toHaveCount(0);
  await page.getByTestId('attr-remove-boot-look').click();
  await expect(page.getByTestId('attr-remove-dialog')).toContainText('boot-look');
  await step(page, testInfo, 'remove asked');
  await page.getByTestId('attr-remove-confirm').click();
  await expect(slider).toHaveCount(0);
  // Focus went with the removed row's ✕; it lands on the list's first slider, not on the page.
  await expect(page.locator('[data-testid^="attr-slider-"]').first()).toBeFocused();
  await expect(page.getByTestId('toast').filter({ hasText: 'Removed “boot-look”' })).toBeVisible();
  await expect(page.getByTestId('attr-slider-sneaker-to-ankle-boot')).toBeVisible();
  const left = JSON.parse(readFileSync(join(app.stateDir, 'attributes', 'fashion.json'), 'utf8')) as { attributes: AttributeJson[] };
  expect(left.attributes.map((a) => a.name)).toEqual([]);
});
