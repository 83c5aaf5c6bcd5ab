import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { toMarkdown } from './report';

/**
 * `npm run bench -- <name> [--quick]` runs bench/<name>.ts and writes
 * bench/out/<name>.json plus a markdown table. Every bench measures its own baseline in
 * the same run and reports ratios, since absolute times on shared machines are noisy.
 */
async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  if (!name) {
    process.stderr.write('usage: npm run bench -- <name> [--quick]\n  names: the files in bench/ (e.g. models, sr, train)\n');
    process.exit(2);
  }
  const module = (await import(pathToFileURL(join(import.meta.dirname, `${name}.ts`)).href)) as {
    run(options: { quick: boolean; args: string[] }): Promise<Record<string, unknown>>;
  };
  const started = Date.now();
  const result = await module.run({ quick: rest.includes('--quick'), args: rest });
  // One shard of a sharded bench (e.g. latent --shard i/n) wrote its raw file; --merge writes the record.
  if (typeof result['shardFile'] === 'string') {
    process.stdout.write(`wrote ${result['shardFile']}\n`);
    return;
  }
  const record = { bench: name, date: new Date().toISOString(), wallSeconds: (Date.now() - started) / 1000, ...result };
  const outDir = join(import.meta.dirname, 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, `${name}.json`), `${JSON.stringify(record, null, 2)}\n`);
  const table = toMarkdown(record);
  writeFileSync(join(outDir, `${name}.md`), table);
  process.stdout.write(`${table}\nwrote bench/out/${name}.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
