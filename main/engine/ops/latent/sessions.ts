import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LatentshopError } from '../../../../preload/contract/errors';
import type { InversionMethod, Rect } from '../../../../preload/contract/latent';
import type { Polarity } from './domain';

/** What an edit needs after inversion: small (a few KB), so it lives as JSON in the cache. */
export interface LatentSession {
  id: string;
  family: string;
  imageId: string;
  region: Rect;
  polarity: Polarity;
  method: InversionMethod;
  /** The inverted code z0. */
  z: number[];
  /** Painted-constraint results z*, best first (empty until `constrain`). */
  candidates: number[][];
  createdAt: string;
}

/**
 * Sessions are files in the engines' shared cache folder, not engine memory: the pool
 * sends jobs to any engine, and a restarted engine must still find them.
 */
export class LatentSessionStore {
  private readonly dir: string;

  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'latent-sessions');
  }

  async create(data: Omit<LatentSession, 'id' | 'createdAt' | 'candidates'>): Promise<LatentSession> {
    const session: LatentSession = { ...data, id: `lat_${randomUUID().replaceAll('-', '').slice(0, 20)}`, candidates: [], createdAt: new Date().toISOString() };
    await this.write(session);
    return session;
  }

  async get(id: string): Promise<LatentSession> {
    try {
      return JSON.parse(await readFile(this.file(id), 'utf8')) as LatentSession;
    } catch {
      throw LatentshopError.of('sessionClosed', {});
    }
  }

  async update(id: string, patch: Partial<Pick<LatentSession, 'candidates' | 'z'>>): Promise<LatentSession> {
    const next = { ...(await this.get(id)), ...patch };
    await this.write(next);
    return next;
  }

  async delete(id: string): Promise<void> {
    await rm(this.file(id), { force: true });
  }

  private file(id: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new LatentshopError('BAD_ARGUMENT', 'Bad session id.');
    return join(this.dir, `${id}.json`);
  }

  private async write(session: LatentSession): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const file = this.file(session.id);
    // Atomic: a preview reading concurrently sees the old or the new session, never half.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(session));
    await rename(tmp, file);
  }
}

const stores = new Map<string, LatentSessionStore>();

export function latentSessions(cacheDir: string): LatentSessionStore {
  let store = stores.get(cacheDir);
  if (!store) stores.set(cacheDir, (store = new LatentSessionStore(cacheDir)));
  return store;
}
