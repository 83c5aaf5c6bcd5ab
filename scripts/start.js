// Launches Electron when its binary is installed; otherwise browser mode, and says so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

const electron = process.env.LATENTSHOP_BROWSER_MODE ? undefined : electronBinary();
const child = electron
  ? spawn(electron, ['.', ...args], { stdio: 'inherit' })
  : spawn(process.execPath, ['dist-electron/browser.js', ...args], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
