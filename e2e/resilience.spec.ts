import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures/browser-mode';
import { dropFile, step } from './fixtures/page-helpers';
import { hook, meanAbsDiff, moveAttributeSlider, openSneakerPhoto } from './fixtures/sneaker';

/** PIDs of the app's engine processes (children of the app running dist-electron/engine.js). */
function enginePids(appPid: number): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(appPid)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when the app has no children (between an engine's death and its restart).
  }
  return out
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[2]!.includes('engine.js'))
    .map((m) => Number(m[1]));
}

/**
 * Kills every engine process as a crash would (SIGKILL: no cleanup), and waits until the app has
 * started as many new ones (the app may run more than one engine, e.g. after a parallel job).
 */
async function crashEngines(appPid: number): Promise<void> {
  const before = enginePids(appPid);
  expect(before.length).toBeGreaterThan(0);
  for (const pid of before) process.kill(pid, 'SIGKILL');
  await expect.poll(() => enginePids(appPid).filter((pid) => !before.includes(pid)).length, { timeout: 30_000 }).toBe(before.length);
}

/** What the user reads must be a sentence, not a stack trace. */
const STACK_FRAME = /\n\s*at\s|\.ts:\d+|\.js:\d+|Error:/;

/**
 * The brief's promises about bad input and crashes, through the real app: a damaged file is
 * refused with its name and the problem; an engine killed in the middle of an inversion is
 * restarted, the job fails with a plain message and the photo stays; a latent session survives
 * a crash (sessions live on disk), so its sliders and Apply still work afterwards.
 */
test('a damaged file is named, and a killed engine restarts without losing the photo or the session', async ({ page, app }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(app.url);
  const damaged = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
  await dropFile(page, '[data-testid=canvas]', 'broken.jpg', damaged, 'image/jpeg');
  const refusal = page.getByTestId('toast').filter({ hasText: 'broken.jpg' });
  await expect(refusal).toContainText('damaged');
  expect(await refusal.innerText()).not.toMatch(STACK_FRAME);
  await step(page, testInfo, 'damaged file refused');

  // A long job (optimize: 4 starts × 500 steps) is running when the engine dies.
  const debug = hook(page);
  await openSneakerPhoto(page, app.url);
  const photo = await debug.currentImage();
  await page.getByTestId('panel-tab-edit').click();
  await page.getByTestId('edit-method').selectOption('optimize');
  await page.getByTestId('edit-run').click();
  const invertJob = page.getByTestId('job-invert').last();
  await expect(invertJob).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await crashEngines(app.pid);
  await expect(invertJob).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  const jobError = invertJob.getByTestId('job-error');
  await expect(jobError).toContainText('restarted');
  expect(await jobError.innerText()).not.toMatch(STACK_FRAME);
  await expect(page.locator('[data-testid=toast][data-kind=info]').filter({ hasText: 'engine restarted' })).toBeVisible();
  const failure = page.locator('[data-testid=toast][data-kind=error]').filter({ hasText: 'Invert failed' });
  await expect(failure).toContainText('Try again');
  expect(await failure.innerText()).not.toMatch(STACK_FRAME);
  expect((await debug.currentImage())?.id).toBe(photo?.id);
  await step(page, testInfo, 'inversion failed, engine restarted');

  // The restarted engine works, and a session outlives the next crash.
  await page.getByTestId('edit-method').selectOption('hybrid');
  await page.getByTestId('edit-run').click();
  const slider = page.locator('[data-testid^="attr-slider-"]').first();
  await expect(slider).toBeVisible({ timeout: 60_000 });
  await crashEngines(app.pid);
  const { before, after, rect } = await moveAttributeSlider(page, slider, '3');
  expect(meanAbsDiff(before, after, rect)).toBeGreaterThan(2);
  await page.getByTestId('edit-apply').click();
  await expect.poll(async () => (await debug.currentImage())?.id, { timeout: 60_000 }).not.toBe(photo?.id);
  await expect(page.getByTestId('undo')).toBeEnabled();
  await step(page, testInfo, 'session survived a crash');
});

/**
 * Browser mode: if the app behind the page goes away, the page says so at once (the status bar)
 * and a command fails with a reason after its 10 s wait, instead of doing nothing; the photo stays.
 */
test('when the page loses the app, the status bar says so and a command fails with a reason', async ({ page, app }) => {
  test.setTimeout(90_000);
  await openSneakerPhoto(page, app.url);
  const status = page.getByTestId('status-backend');
  await expect(status).toContainText('wasm');
  process.kill(app.pid, 'SIGTERM');
  await expect(status).toContainText('Reconnecting to the engine');
  await expect(status).toHaveAttribute('title', /lost its connection to Latentshop/);
  await page.keyboard.press('Control+E');
  await page.getByTestId('export-run').click();
  const failure = page.locator('[data-testid=toast][data-kind=error]').filter({ hasText: 'No connection to Latentshop' });
  await expect(failure).toBeVisible({ timeout: 20_000 });
  expect(await failure.innerText()).not.toMatch(STACK_FRAME);
  await expect(page.getByTestId('status-size')).toContainText('224 × 224');
});
