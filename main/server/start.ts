import { mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import open from 'open';
import { previewPath } from '../app/preview-route';
import { createRuntime } from '../app/runtime';
import { engineEntry } from '../engine/host/entry';
import { forkSpawner } from '../engine/host/spawner';
import { startBrowserServer } from './http-server';
import { createToken } from './security';

/** Browser mode: the same UI and engine, served on 127.0.0.1 when Electron is absent. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'export-dir': { type: 'string' },
      'no-open': { type: 'boolean', default: false },
      reason: { type: 'string' },
    },
  });
  const here = dirname(fileURLToPath(import.meta.url));
  const token = createToken();
  const cacheDir = mkdtempSync(join(tmpdir(), 'latentshop-session-'));
  const exportDir = values['export-dir'] ?? process.env['LATENTSHOP_EXPORT_DIR'] ?? join(homedir(), 'Pictures', 'Latentshop');
  const spawn = forkSpawner(engineEntry({ ...process.env, LATENTSHOP_CACHE_DIR: cacheDir }));
  const runtime = createRuntime(spawn, { mode: 'browser', exportDir, previewUrl: (id) => `${previewPath(id)}?token=${token}` });
  const backend = await runtime.host.start();
  // Batches cut off by a crash or a quit carry on where they stopped.
  await runtime.batches.restore().catch(() => undefined);
  const server = await startBrowserServer(runtime, join(here, '..', 'dist', 'renderer'), token, Number(values.port));
  const why = values.reason ?? "Electron's binary is not installed";
  process.stdout.write(
    `Latentshop is running in browser mode (${why}).\n` +
      `  Open:    ${server.url}\n` +
      `  Backend: ${backend.name} (${backend.reason})\n` +
      `  Exports: ${exportDir}\n` +
      `Press Ctrl+C to stop.\n`,
  );
  if (!values['no-open'] && hasDisplay()) open(server.url).catch(() => undefined);
  const shutdown = () => {
    runtime.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
    void server.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

function hasDisplay(): boolean {
  if (process.env['CI']) return false;
  if (process.platform !== 'linux') return true;
  return Boolean(process.env['DISPLAY'] || process.env['WAYLAND_DISPLAY']);
}

main().catch((error: unknown) => {
  process.stderr.write(`latentshop: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
