import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './fixtures/browser-mode';
import { boxMaskPng, RED, redSquarePng, rgb, SQUARE } from './fixtures/inpaint-images';
import { dropFiles, step } from './fixtures/page-helpers';

const MASK = { x: SQUARE.x - 6, y: SQUARE.y - 6, w: SQUARE.size + 12, h: SQUARE.size + 12 };
const inMask = (x: number, y: number) => x >= MASK.x && x < MASK.x + MASK.w && y >= MASK.y && y < MASK.y + MASK.h;

test('batch: drop three images with their masks, run, and find all three results in the export folder', async ({ page, app }, testInfo) => {
  await page.goto(app.url);
  await expect(page.getByTestId('status-backend')).toContainText('wasm');
  await page.getByTestId('panel-tab-batch').click();
  const sizes = [[400, 300], [360, 320], [420, 280]] as const;
  const inputs = new Map<string, Buffer>();
  const files: { name: string; bytes: Buffer; type: string }[] = [];
  for (const [i, [w, h]] of sizes.entries()) {
    const image = await redSquarePng(w, h);
    inputs.set(`shot${i + 1}.png`, image);
    files.push({ name: `shot${i + 1}.png`, bytes: image, type: 'image/png' });
    files.push({ name: `shot${i + 1}.mask.png`, bytes: await boxMaskPng(w, h, MASK), type: 'image/png' });
  }
  await dropFiles(page, '[data-testid=batch-drop]', files);
  await expect(page.getByTestId('batch-staged')).toContainText('6');
  await expect(page.getByTestId('batch-unpaired')).toHaveCount(0); // Every image has its mask: no warning.
  // The drop staged the files for the batch; it did not open them as documents.
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __latentshop: { currentImage(): unknown } }).__latentshop.currentImage())).toBeNull();
  await step(page, testInfo, 'staged');

  await page.getByTestId('batch-run').click();
  await expect(page.getByTestId('batch-item')).toHaveCount(3);
  await expect(page.getByTestId('batch-current')).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('3 done, 0 failed');
  await expect(page.getByTestId('batch-progress')).toHaveAttribute('value', '100');
  await expect(page.getByTestId('batch-report')).toBeVisible();
  await step(page, testInfo, 'finished');

  const [folder] = readdirSync(app.exportDir).filter((f) => f.startsWith('batch-'));
  const outDir = join(app.exportDir, folder ?? '');
  const outputs = readdirSync(outDir).filter((f) => f.endsWith('.inpainted.png')).sort();
  expect(outputs).toEqual(['shot1.inpainted.png', 'shot2.inpainted.png', 'shot3.inpainted.png']);
  const report = JSON.parse(readFileSync(join(outDir, readdirSync(outDir).find((f) => f.endsWith('.json')) ?? ''), 'utf8')) as { done: number };
  expect(report.done).toBe(3);
  for (const name of outputs) {
    const source = await rgb(inputs.get(name.replace('.inpainted', '')) ?? Buffer.alloc(0));
    const result = await rgb(join(outDir, name));
    expect([result.width, result.height]).toEqual([source.width, source.height]);
    let changedOutside = 0;
    let redInside = 0;
    for (let y = 0; y < source.height; y += 1) {
      for (let x = 0; x < source.width; x += 1) {
        const o = (y * source.width + x) * 3;
        const same = source.data[o] === result.data[o] && source.data[o + 1] === result.data[o + 1] && source.data[o + 2] === result.data[o + 2];
        if (!inMask(x, y) && !same) changedOutside += 1;
        if (inMask(x, y) && Math.abs((result.data[o] ?? 0) - RED[0]) + Math.abs((result.data[o + 1] ?? 0) - RED[1]) < 40) redInside += 1;
      }
    }
    expect(changedOutside).toBe(0);
    expect(redInside).toBe(0);
  }
});

/**
 * Two photos of one name whose folders the page cannot see (chosen with the file picker, from
 * two folders): which mask is whose cannot be told, so both fail and say why, rather than both
 * being filled with whichever mask came last. (Dropped folders keep their paths, and pair in them.)
 */
test('batch: photos of the same name from unknown folders are refused with a reason, not given the wrong mask', async ({ page, app }) => {
  await page.goto(app.url);
  await page.getByTestId('panel-tab-batch').click();
  // Two different photos (and masks): their sizes differ, so they are not one file chosen twice.
  await page.getByTestId('batch-input').setInputFiles([
    { name: 'shot.png', mimeType: 'image/png', buffer: await redSquarePng(200, 150) },
    { name: 'shot.mask.png', mimeType: 'image/png', buffer: await boxMaskPng(200, 150, { x: 10, y: 10, w: 40, h: 40 }) },
    { name: 'shot.png', mimeType: 'image/png', buffer: await redSquarePng(240, 180) },
    { name: 'shot.mask.png', mimeType: 'image/png', buffer: await boxMaskPng(240, 180, { x: 120, y: 80, w: 40, h: 40 }) },
  ]);
  await expect(page.getByTestId('batch-staged')).toContainText('4');
  await page.getByTestId('batch-run').click();
  await expect(page.getByTestId('batch-current')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('batch-counts')).toContainText('0 done, 2 failed');
  await expect(page.getByTestId('batch-failure').first()).toContainText('shot.png: another file of this folder pairs by the same name');
  expect(readdirSync(app.exportDir).flatMap((d) => (d.startsWith('batch-') ? readdirSync(join(app.exportDir, d)) : [])).filter((f) => f.includes('inpainted'))).toEqual([]);
});
