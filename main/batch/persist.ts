import { mkdir, readdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../engine/io/atomic-write';
import type { BatchRecord } from './record';

/** LATENTSHOP_STATE_DIR, else the XDG config folder: where batch queues survive a restart. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  const forced = env['LATENTSHOP_STATE_DIR'];
  if (forced) return forced;
  return join(env['XDG_CONFIG_HOME'] ?? join(homedir(), '.config'), 'latentshop');
}

/** Batch queues on disk, one JSON file each, written atomically so a crash never leaves half a queue. */
export class BatchStore {
  readonly dir: string;

  constructor(stateDir: string) {
    this.dir = join(stateDir, 'batches');
  }

  async save(record: BatchRecord): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFileAtomic(join(this.dir, `${record.batchId}.json`), new TextEncoder().encode(JSON.stringify(record, null, 1)));
  }

  /** Every readable queue, newest first; a damaged file is skipped rather than blocking the others. */
  async loadAll(): Promise<BatchRecord[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const records: BatchRecord[] = [];
    for (const name of names.filter((n) => /^batch_[A-Za-z0-9]+\.json$/.test(n))) {
      try {
        const record = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as BatchRecord;
        if (record.version === 1 && Array.isArray(record.items)) records.push(record);
      } catch {
        // Unreadable: leave it on disk for a person to look at.
      }
    }
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}
