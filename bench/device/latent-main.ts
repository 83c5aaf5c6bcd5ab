/**
 * Entry of the self-contained latent bench for a machine without node_modules
 * (pack-latent.sh bundles it with tfjs and the wasm backend; run-latent.sh runs it).
 *   node latent.mjs --shard i/n --shard-out f.json [bench/latent.ts flags]
 *   node latent.mjs --merge f.json… --out-dir dir   → dir/latent.json and dir/latent.md
 * The record is bench/run.ts's (bench, date, wallSeconds, then the bench's fields).
 */
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../latent';
import { toMarkdown } from '../report';

// In a bundle the backend cannot find its .wasm files next to its own (now inlined) module.
const here = dirname(fileURLToPath(import.meta.url));
setWasmPaths(`${process.env['LATENTSHOP_WASM_DIR'] ?? here}/`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const started = Date.now();
  const result = await run({ quick: args.includes('--quick'), args });
  if (typeof result['shardFile'] === 'string') return;
  const i = args.indexOf('--out-dir');
  const outDir = i >= 0 && args[i + 1] ? args[i + 1]! : join(process.cwd(), 'bench', 'out');
  const record = { bench: 'latent', date: new Date().toISOString(), wallSeconds: (Date.now() - started) / 1000, ...result };
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latent.json'), `${JSON.stringify(record, null, 2)}\n`);
  writeFileSync(join(outDir, 'latent.md'), toMarkdown(record));
  process.stdout.write(`wrote ${join(outDir, 'latent.json')}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`latent bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
