import { availableParallelism } from 'node:os';
import { BatchService } from '../batch/batch-service';
import { queueExecutor } from '../batch/executor';
import { BatchStore, defaultStateDir } from '../batch/persist';
import { BatchRunner } from '../batch/runner';
import { EngineHost } from '../engine/host/engine-host';
import { JobQueue } from '../engine/host/job-queue';
import { srSplitRunner } from '../engine/host/sr-split-job';
import type { EngineSpawner } from '../engine/host/spawner';
import { createRouter, type Dispatch } from '../ipc/router';
import { LatentshopService, type Platform } from '../services/latentshop-service';
import { PathRegistry } from '../services/path-registry';

export interface Runtime {
  /** The interactive engine: opens, previews, exports, and runs jobs like the others. */
  host: EngineHost;
  /** Every engine, host first; batch work spreads over all of them. */
  hosts: EngineHost[];
  jobs: JobQueue;
  paths: PathRegistry;
  service: LatentshopService;
  /** Batch queues, persisted in the state folder; call `batches.restore()` once at start-up to resume them. */
  batches: BatchRunner;
  dispatch: Dispatch;
  dispose(): void;
}

/**
 * How many engine processes to run: one per core by default (wasm uses one thread, so two
 * engines use both cores), capped to bound memory; LATENTSHOP_WORKERS overrides.
 */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const forced = Number(env['LATENTSHOP_WORKERS']);
  if (Number.isInteger(forced) && forced >= 1) return Math.min(forced, 16);
  return Math.max(1, Math.min(availableParallelism(), 4));
}

/** The composition root shared by Electron, browser mode and integration tests. Extra engines start lazily. */
export function createRuntime(spawn: EngineSpawner, platform: Platform, workers = defaultWorkerCount()): Runtime {
  const hosts = Array.from({ length: Math.max(1, workers) }, () => new EngineHost(spawn));
  const host = hosts[0] as EngineHost;
  // An interactive upscale spreads its bands over every idle engine (engine/host/sr-split-job.ts).
  const jobs = new JobQueue(hosts, srSplitRunner);
  const paths = new PathRegistry();
  const stateDir = platform.stateDir ?? defaultStateDir();
  const batches = new BatchRunner(queueExecutor(jobs, hosts.length), new BatchStore(stateDir), stateDir);
  const chooseFolder = platform.dialogs?.chooseFolder;
  const batchPlatform = { mode: platform.mode, exportDir: platform.exportDir, ...(chooseFolder && { chooseFolder }) };
  const service = new LatentshopService(hosts, jobs, paths, platform, new BatchService(batches, paths, batchPlatform, stateDir));
  batches.on('progress', (status) => service.emit('batchProgress', status));
  // The runner stops first, so nothing is written after the engines are gone (as if main died here).
  const dispose = (): void => {
    batches.dispose();
    hosts.forEach((h) => h.stop());
  };
  return { host, hosts, jobs, paths, service, batches, dispatch: createRouter(service), dispose };
}
