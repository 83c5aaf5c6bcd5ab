import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary(): string | undefined {
  try {
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const binary = electronBinary();

test('the Electron app starts, isolates the renderer and reports its backend', async () => {
  if (!binary) {
    console.log("Skipping the Electron spec: Electron's binary is not installed (its download is blocked offline).");
  }
  test.skip(!binary, "Electron's binary is not installed (its download is blocked offline)");
  const app = await electron.launch({ executablePath: binary, args: ['.'] });
  const window = await app.firstWindow();
  await expect(window.getByTestId('status-backend')).not.toBeEmpty();
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => typeof (window as unknown as { latentshop?: unknown }).latentshop)).toBe('object');
  await app.close();
});
