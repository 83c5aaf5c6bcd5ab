import { EngineHost } from '../engine/host/engine-host';
import { JobQueue } from '../engine/host/job-queue';
import type { EngineSpawner } from '../engine/host/spawner';
import { createRouter, type Dispatch } from '../ipc/router';
import { LatentshopService, type Platform } from '../services/latentshop-service';
import { PathRegistry } from '../services/path-registry';

export interface Runtime {
  host: EngineHost;
  jobs: JobQueue;
  paths: PathRegistry;
  service: LatentshopService;
  dispatch: Dispatch;
  dispose(): void;
}

/** The composition root shared by Electron, browser mode and integration tests. */
export function createRuntime(spawn: EngineSpawner, platform: Platform): Runtime {
  const host = new EngineHost(spawn);
  const jobs = new JobQueue(host);
  const paths = new PathRegistry();
  const service = new LatentshopService(host, jobs, paths, platform);
  return { host, jobs, paths, service, dispatch: createRouter(service), dispose: () => host.stop() };
}
