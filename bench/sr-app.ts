/**
 * The app's own upscale path for the bench: a runtime with `workers` engine processes
 * (as browser mode and Electron build it), the photo opened into the engines' session,
 * and an interactive `upscale` job, which the job queue splits over every idle engine
 * (engine/host/sr-split-job.ts). What is timed is startJob → jobDone, as the user waits.
 * appBatchUpscaler is the panel's batch mode on the same runtime: a set of photos, one
 * whole-image job per engine at a time.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createRuntime, type Runtime } from '../main/app/runtime';
import { engineEntry } from '../main/engine/host/entry';
import { forkSpawner } from '../main/engine/host/spawner';
import { vmHwmKb } from '../main/engine/host/sr-pool';
import type { SrScale } from '../main/engine/ops/sr';
import { jobResult } from '../main/app/job-result';

export interface AppUpscaler {
  /** One upscale through the job queue; resolves with the output's RGB bytes. */
  run(): Promise<Uint8Array>;
  /** Seconds from startJob to jobDone of the last run (reading the pixels back is not counted). */
  lastJobSeconds(): number;
  /** CPU seconds over the same span, summed over this process and the engines. */
  lastJobCpuSeconds(): number;
  /** The engines' process ids (for CPU accounting). */
  pids(): number[];
  /** Sum of every engine's peak RSS (VmHWM) and this process's, in MB. */
  peakRssMB(): number;
  dispose(): void;
}

export async function appUpscaler(rgb: Uint8Array, width: number, height: number, scale: SrScale, workers: number): Promise<AppUpscaler> {
  const app = await openApp(workers);
  const imageId = await app.open(rgb, width, height);
  let span = { seconds: 0, cpuSeconds: 0 };
  const run = async (): Promise<Uint8Array> => {
    const stop = app.timer();
    const { jobId } = await app.runtime.service.startJob({ spec: { op: 'upscale', imageId, model: 'esrgan-slim', scale } });
    const resultId = await app.waitFor(jobId);
    span = stop();
    return app.readBack(resultId);
  };
  return { run, lastJobSeconds: () => span.seconds, lastJobCpuSeconds: () => span.cpuSeconds, pids: app.pids, peakRssMB: app.peakRssMB, dispose: app.dispose };
}

export interface BatchPhoto {
  rgb: Uint8Array;
  width: number;
  height: number;
}

/** As AppUpscaler, for a whole set of photos; `run` resolves with every output, in order. */
export interface AppBatchUpscaler extends Omit<AppUpscaler, 'run'> {
  run(): Promise<Uint8Array[]>;
}

/**
 * The Super-resolution panel's batch mode (renderer/src/sr/sr-batch.ts upscaleFiles) on a
 * runtime with `workers` engines: one `upscale` job per file at 'batch' priority, which
 * the job queue runs whole on one engine each (no bands), `workers` files in flight (the
 * panel's CONCURRENCY is 2, one per engine here). The photos are opened beforehand and the
 * outputs read back afterwards, so what is timed is first submit → last result, the part
 * UpscalerJS's upscale() is timed on.
 */
export async function appBatchUpscaler(photos: readonly BatchPhoto[], scale: SrScale, workers: number): Promise<AppBatchUpscaler> {
  const app = await openApp(workers);
  const imageIds: string[] = [];
  for (const p of photos) imageIds.push(await app.open(p.rgb, p.width, p.height));
  let span = { seconds: 0, cpuSeconds: 0 };
  const run = async (): Promise<Uint8Array[]> => {
    const resultIds: string[] = [];
    let next = 0;
    const stop = app.timer();
    const worker = async (): Promise<void> => {
      while (next < imageIds.length) {
        const k = next++;
        const { jobId } = await app.runtime.service.startJob({ spec: { op: 'upscale', imageId: imageIds[k]!, model: 'esrgan-slim', scale }, priority: 'batch' });
        resultIds[k] = await app.waitFor(jobId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(workers, imageIds.length) }, worker));
    span = stop();
    const outputs: Uint8Array[] = [];
    for (const id of resultIds) outputs.push(await app.readBack(id));
    return outputs;
  };
  return { run, lastJobSeconds: () => span.seconds, lastJobCpuSeconds: () => span.cpuSeconds, pids: app.pids, peakRssMB: app.peakRssMB, dispose: app.dispose };
}

interface App {
  runtime: Runtime;
  /** Opens raw RGB into the engines' session (as the panel's upload does); resolves with the image id. */
  open(rgb: Uint8Array, width: number, height: number): Promise<string>;
  /** Resolves with the result image's id once the job is done. */
  waitFor(jobId: string): Promise<string>;
  /** Exports, releases and decodes a result image to RGB bytes. */
  readBack(imageId: string): Promise<Uint8Array>;
  /** Starts a wall and CPU clock (this process and the engines); the returned function reads both. */
  timer(): () => { seconds: number; cpuSeconds: number };
  pids(): number[];
  peakRssMB(): number;
  dispose(): void;
}

async function openApp(workers: number): Promise<App> {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-app-'));
  const env = { ...process.env, LATENTSHOP_CACHE_DIR: join(dir, 'cache'), LATENTSHOP_BACKEND: 'wasm' };
  const runtime: Runtime = createRuntime(forkSpawner(engineEntry(env)), { mode: 'browser', exportDir: join(dir, 'exports'), stateDir: join(dir, 'state'), previewUrl: (id) => id }, workers);
  let outputs = 0;
  const pids = (): number[] => runtime.hosts.flatMap((h) => (h.pid === undefined ? [] : [h.pid]));
  return {
    runtime,
    open: async (rgb, width, height) => {
      const png = await sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
      return (await runtime.service.upload({ name: 'bench.png', dataBase64: png.toString('base64') })).id;
    },
    waitFor: async (jobId) => {
      const result = await jobResult(runtime, jobId);
      if (result.kind !== 'image') throw new Error(`unexpected ${result.kind} result`);
      return result.image.id;
    },
    readBack: async (imageId) => {
      const path = join(dir, `out-${(outputs += 1)}.png`);
      await runtime.host.call('exportImage', { imageId, path, options: { format: 'png' } });
      await runtime.service.releaseImage({ imageId });
      return new Uint8Array(await sharp(path).raw().toBuffer());
    },
    timer: () => {
      const t0 = performance.now();
      const c0 = cpuSecondsOf(pids());
      return () => ({ seconds: (performance.now() - t0) / 1000, cpuSeconds: cpuSecondsOf(pids()) - c0 });
    },
    pids,
    peakRssMB: () => Math.round((runtime.hosts.map((h) => (h.pid === undefined ? 0 : vmHwmKb(h.pid))).reduce((a, b) => a + b, 0) + process.resourceUsage().maxRSS) / 1024),
    dispose: () => {
      runtime.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** CPU seconds (user + system) used so far by this process and the given children (Linux /proc). */
export function cpuSecondsOf(pids: number[]): number {
  const own = process.cpuUsage();
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields 14 and 15 (utime, stime) follow the parenthesised command name.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // An engine that has gone has nothing more to add.
    }
  }
  // Linux reports in USER_HZ, 100 per second on every mainstream configuration.
  return (own.user + own.system) / 1e6 + ticks / 100;
}
