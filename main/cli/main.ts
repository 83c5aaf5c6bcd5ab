import { runCli } from './index';

// Entry of dist-electron/cli.js (bin/latentshop.js imports it). exitCode rather than
// process.exit(), so piped stdout is flushed before the process ends.
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
