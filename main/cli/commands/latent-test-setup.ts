import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveTestFamily } from '../../engine/ops/latent/test-family';
import { cli } from '../test-helpers';

/** A models folder with the small test family `testfam` (attribute `wider`), and a 32×32 sample of it as `one.png`. */
export async function setUpLatentCli(): Promise<{ dir: string; one: string; cleanup(): void }> {
  await tf.setBackend('wasm');
  const dir = mkdtempSync(join(tmpdir(), 'latentshop-cli-'));
  await saveTestFamily(dir, 'testfam', { wider: Array.from({ length: 64 }, () => 0.5) });
  process.env['LATENTSHOP_MODELS'] = dir;
  process.env['LATENTSHOP_STATE_DIR'] = join(dir, 'state');
  const one = join(dir, 'one.png');
  const sampled = await cli('sample', '-m', 'testfam', '-n', '1', '--seed', '4', '-o', one);
  if (sampled.code !== 0) throw new Error(`sample failed: ${sampled.err}`);
  return { dir, one, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Temp files an interrupted or refused atomic write would leave behind (`.name.<hex>.tmp`). */
export function leftoverTemps(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith('.tmp'));
}
