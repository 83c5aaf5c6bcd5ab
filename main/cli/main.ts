import { removeTempDirs } from '../engine/io/temp-dirs';
import { runCli } from './index';

// Ctrl+C (or a kill) ends the process without running `finally` blocks: remove the engines'
// temp folders first, then exit with the shell's code for the signal.
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    removeTempDirs();
    process.exit(code);
  });
}

// Entry of dist-electron/cli.js (bin/latentshop.js imports it). exitCode rather than
// process.exit(), so piped stdout is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
