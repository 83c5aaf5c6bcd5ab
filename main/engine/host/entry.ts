import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ForkOptions } from './spawner';

/**
 * Where the engine's entry file is. Built bundles sit side by side in dist-electron/
 * (engine.js next to main.js); from sources (tests, `tsx`) the TypeScript entry runs
 * through tsx's loader.
 */
export function engineEntry(env: NodeJS.ProcessEnv = process.env): ForkOptions {
  const here = dirname(fileURLToPath(import.meta.url));
  const built = join(here, 'engine.js');
  if (existsSync(built)) return { entry: built, env };
  const source = join(here, '..', 'worker', 'main.ts');
  return { entry: source, execArgv: ['--import', 'tsx'], env };
}
