// Launches Electron when it can start here; otherwise browser mode, and says why.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const NO_SANDBOX = '--no-sandbox';

function electronBinary() {
  try {
    // The electron package exports the binary's path, and throws when it was never downloaded.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Why Electron will not start here (browser mode's `--reason`), or undefined when it will. */
function browserModeReason(electron) {
  if (process.env.LATENTSHOP_BROWSER_MODE) return 'LATENTSHOP_BROWSER_MODE is set';
  if (!electron) return "Electron's binary is not installed";
  // Chromium refuses to run as root without --no-sandbox. We keep its sandbox on unless the
  // user turns it off themselves (`npm start -- --no-sandbox`), and serve the UI instead.
  if (process.platform === 'linux' && process.getuid?.() === 0 && !args.includes(NO_SANDBOX)) {
    return `running as root, where Electron will not start without ${NO_SANDBOX}`;
  }
  return undefined;
}

const electron = electronBinary();
const reason = browserModeReason(electron);
let child;
if (reason === undefined) {
  child = spawn(electron, ['.', ...args], { stdio: 'inherit' });
} else {
  if (!electron && !process.env.LATENTSHOP_BROWSER_MODE) {
    // Browser mode's banner already says the binary is missing: add how to get it. npm never
    // downloads it, because package.json's allowScripts has electron: false.
    process.stderr.write(
      "To run the desktop app instead, download Electron's binary once, with internet access: node node_modules/electron/install.js " +
        '(npm skips that download: allowScripts in package.json has electron: false).\n',
    );
  }
  // --no-sandbox is Electron's; browser mode would reject it as an unknown option.
  const browserArgs = args.filter((arg) => arg !== NO_SANDBOX);
  child = spawn(process.execPath, ['dist-electron/browser.js', ...browserArgs, '--reason', reason], { stdio: 'inherit' });
}
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
