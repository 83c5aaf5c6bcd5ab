import { EventEmitter } from 'node:events';
import { LatentshopError, toErrorData } from '../../preload/contract/errors';
import type { BatchStatus } from '../../preload/contract/types';
import type { BatchExecutor } from './executor';
import { runFile } from './outputs';
import type { BatchStore } from './persist';
import { type BatchRecord, settleFailure, statusWithEta } from './record';
import { writeReport } from './report';

interface Live {
  record: BatchRecord;
  inFlight: Map<number, AbortController>;
  fractions: Map<number, number>;
  /** When this session started running it, and how far it was then: the ETA's baseline. */
  since: number;
  fractionAtStart: number;
  lastEmit: number;
  /** Saves run one after another, so an older snapshot can never land after a newer one. */
  saving: Promise<void>;
  waiters: Array<(status: BatchStatus) => void>;
}

const EMIT_INTERVAL_MS = 150;

/**
 * Runs batch queues: as many files at once as the executor has workers, persisting the
 * queue after every change, so a restart resumes it (restore). A file is marked done
 * only after its output is written, and a file whose output is already complete is
 * never redone, so a resumed batch neither loses nor duplicates work.
 */
export class BatchRunner extends EventEmitter<{ progress: [BatchStatus]; finished: [BatchRecord] }> {
  private readonly live = new Map<string, Live>();
  private disposed = false;

  constructor(private readonly executor: BatchExecutor, private readonly store?: BatchStore, private readonly reportDir?: string) {
    super();
  }

  async start(record: BatchRecord): Promise<BatchStatus> {
    const live = this.track(record);
    await this.persist(live);
    this.pump(live);
    return this.status(live);
  }

  /** Loads persisted queues; running ones continue (files cut off mid-run are queued again). */
  async restore(): Promise<BatchStatus[]> {
    const records = this.store ? await this.store.loadAll() : [];
    for (const record of records.filter((r) => !this.live.has(r.batchId))) {
      for (const item of record.items) if (item.state === 'running') item.state = 'pending';
      const live = this.track(record);
      if (record.state === 'running') this.pump(live);
    }
    return this.list();
  }

  list(): BatchStatus[] {
    return [...this.live.values()].map((l) => this.status(l)).sort((a, b) => b.batchId.localeCompare(a.batchId));
  }

  get(batchId: string): BatchStatus {
    return this.status(this.find(batchId));
  }

  async setState(batchId: string, state: 'running' | 'paused' | 'cancelled'): Promise<BatchStatus> {
    const live = this.find(batchId);
    const current = live.record.state;
    if (current === 'done' || current === 'cancelled') return this.status(live);
    live.record.state = state;
    if (state === 'cancelled') {
      for (const item of live.record.items) if (item.state === 'pending') item.state = 'cancelled';
      for (const controller of live.inFlight.values()) controller.abort();
    }
    if (state === 'running' && current !== 'running') Object.assign(live, { since: performance.now(), fractionAtStart: this.status(live).fraction });
    await this.persist(live);
    this.pump(live);
    return this.status(live);
  }

  /** Resolves when the batch is done or cancelled (CLI, tests). */
  whenFinished(batchId: string): Promise<BatchStatus> {
    const live = this.find(batchId);
    if (live.record.state === 'done' || live.record.state === 'cancelled') return Promise.resolve(this.status(live));
    return new Promise((resolve) => live.waiters.push(resolve));
  }

  /** Stops all work and writes: the process is going away (or a test simulates that). */
  dispose(): void {
    this.disposed = true;
  }

  private track(record: BatchRecord): Live {
    const live: Live = { record, inFlight: new Map(), fractions: new Map(), since: performance.now(), fractionAtStart: 0, lastEmit: 0, saving: Promise.resolve(), waiters: [] };
    live.fractionAtStart = this.status(live).fraction;
    this.live.set(record.batchId, live);
    return live;
  }

  private pump(live: Live): void {
    if (this.disposed) return;
    const { record } = live;
    while (record.state === 'running' && live.inFlight.size < this.executor.concurrency) {
      const index = record.items.findIndex((item, i) => item.state === 'pending' && !live.inFlight.has(i));
      if (index < 0) break;
      void this.runItem(live, index);
    }
    const idle = live.inFlight.size === 0 && !record.items.some((i) => i.state === 'pending');
    if (idle && (record.state === 'running' || record.state === 'cancelled') && !record.reportPath) void this.finish(live);
    else this.emitNow(live);
  }

  private async runItem(live: Live, index: number): Promise<void> {
    const { record } = live;
    const item = record.items[index]!;
    const controller = new AbortController();
    live.inFlight.set(index, controller);
    item.state = 'running';
    await this.persist(live);
    this.emitNow(live);
    try {
      if ((await runFile(this.executor, record, item, (f) => this.onFraction(live, index, f), controller.signal)) === 'kept') item.kept = true;
      item.state = 'done';
      delete item.error;
    } catch (error) {
      settleFailure(item, toErrorData(error), record.state === 'cancelled');
    } finally {
      live.inFlight.delete(index);
      live.fractions.delete(index);
    }
    await this.persist(live);
    this.pump(live);
  }

  private async finish(live: Live): Promise<void> {
    if (live.record.state === 'running') live.record.state = 'done';
    live.record.reportPath = await writeReport(live.record, this.reportDir ?? live.record.outputDir).catch(() => undefined);
    await this.persist(live);
    const status = this.emitNow(live);
    for (const resolve of live.waiters.splice(0)) resolve(status);
    if (!this.disposed) this.emit('finished', live.record);
  }

  private onFraction(live: Live, index: number, fraction: number): void {
    live.fractions.set(index, fraction);
    if (performance.now() - live.lastEmit >= EMIT_INTERVAL_MS) this.emitNow(live);
  }

  private emitNow(live: Live): BatchStatus {
    live.lastEmit = performance.now();
    const status = this.status(live);
    if (!this.disposed) this.emit('progress', status);
    return status;
  }

  private status(live: Live): BatchStatus {
    return statusWithEta(live.record, live.fractions, live.since, live.fractionAtStart);
  }

  private find(batchId: string): Live {
    const live = this.live.get(batchId);
    if (!live) throw new LatentshopError('BAD_ARGUMENT', `There is no batch ${batchId}.`);
    return live;
  }

  private persist(live: Live): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    live.saving = live.saving.then(() => (this.disposed ? undefined : store.save(live.record))).catch(() => undefined);
    return live.saving;
  }
}
