import { EventEmitter } from 'node:events';
import { LatentshopError } from '../../../preload/contract/errors';
import type { BackendInfo } from '../../../preload/contract/types';
import type { EngineMethods, EngineMethodName, EngineToHost } from '../protocol';
import type { EngineProcess, EngineSpawner } from './spawner';

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export interface EngineHostEvents {
  progress: [jobId: string, fraction: number, stage: string, previewUrl?: string];
  restarted: [reason: string];
}

/**
 * Owns the engine process: correlates calls and replies, and restarts the engine when it
 * dies. Calls in flight at a crash fail with ENGINE_CRASHED; later calls go to the new engine.
 */
export class EngineHost extends EventEmitter<EngineHostEvents> {
  private child: EngineProcess | undefined;
  private ready: Promise<BackendInfo> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped = false;
  private crashes: number[] = [];

  constructor(private readonly spawn: EngineSpawner) {
    super();
  }

  /** Starts the engine if needed and resolves with the backend it chose. */
  start(): Promise<BackendInfo> {
    if (this.ready) return this.ready;
    const child = this.spawn();
    this.child = child;
    this.ready = new Promise<BackendInfo>((resolve, reject) => {
      child.onMessage((message) => this.onMessage(message, resolve));
      child.onExit((code) => {
        reject(LatentshopError.of('engineDidNotStart', { code: String(code) }));
        this.onExit(child, code);
      });
    });
    return this.ready;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  async call<M extends EngineMethodName>(method: M, args: Parameters<EngineMethods[M]>[0]): Promise<ReturnType<EngineMethods[M]>> {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.child?.send({ type: 'call', id, method, args });
    });
  }

  cancel(jobId: string): void {
    this.child?.send({ type: 'cancel', jobId });
  }

  /** Kills the engine on purpose, e.g. when a job ignores cancel; it restarts like after a crash. */
  restart(reason: string): void {
    const child = this.child;
    if (!child) return;
    this.forget(child, reason);
    child.kill();
  }

  stop(): void {
    this.stopped = true;
    this.child?.kill();
  }

  private onMessage(message: EngineToHost, ready: (backend: BackendInfo) => void): void {
    if (message.type === 'ready') ready(message.backend);
    else if (message.type === 'progress') this.emit('progress', message.jobId, message.fraction, message.stage, message.previewUrl);
    else {
      const pending = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (!pending) return;
      if (message.ok) pending.resolve(message.value);
      else pending.reject(LatentshopError.fromData(message.error));
    }
  }

  private onExit(child: EngineProcess, code: number | null): void {
    if (this.child !== child) return;
    this.forget(child, `the engine stopped unexpectedly (exit code ${code ?? 'signal'})`);
  }

  /** Fails everything in flight and, unless stopping, starts a fresh engine. */
  private forget(child: EngineProcess, reason: string): void {
    if (this.child !== child) return;
    this.child = undefined;
    this.ready = undefined;
    const now = Date.now();
    if (!this.stopped) this.crashes = [...this.crashes.filter((t) => now - t < 60_000), now];
    // A crash loop (bad install, missing library) must not spin the CPU forever.
    const looping = this.crashes.length > 5;
    // Say what really happens next: a failed job must not promise a restart that will not come.
    const error = LatentshopError.of(this.stopped ? 'engineShutDown' : looping ? 'engineCrashLoop' : 'engineRestarted', {});
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
    if (this.stopped || looping) return;
    this.start().catch(() => undefined);
    this.emit('restarted', reason);
  }
}
