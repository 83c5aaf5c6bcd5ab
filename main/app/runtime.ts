import { availableParallelism } from 'node:os';
import { EngineHost } from '../engine/host/engine-host';
import { JobQueue } from '../engine/host/job-queue';
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
  const jobs = new JobQueue(hosts);
  const paths = new PathRegistry();
  const service = new LatentshopService(hosts, jobs, paths, platform);
  return { host, hosts, jobs, paths, service, dispatch: createRouter(service), dispose: () => hosts.forEach((h) => h.stop()) };
}
