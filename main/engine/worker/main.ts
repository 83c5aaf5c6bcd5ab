import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectBackend } from '../backend/select';
import { connectToParent } from './channel';
import { Engine } from './engine';

/**
 * Entry of the engine process. It chooses a backend, announces it, then serves calls.
 * The cache folder survives a crash so a restarted engine still has the session's images.
 */
async function start(): Promise<void> {
  const channel = connectToParent();
  const cacheDir = process.env['LATENTSHOP_CACHE_DIR'] ?? join(tmpdir(), `latentshop-${process.ppid}`);
  const backend = await selectBackend();
  const engine = new Engine((message) => channel.send(message), backend, cacheDir);
  channel.onMessage((message) => void engine.handle(message));
  channel.send({ type: 'ready', backend });
}

start().catch((error: unknown) => {
  process.stderr.write(`latentshop engine: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(70);
});
