/**
 * The app's own upscale path for the bench: a runtime with `workers` engine processes
 * (as browser mode and Electron build it), the photo opened into the engines' session,
 * and an interactive `upscale` job, which the job queue splits over every idle engine
 * (engine/host/sr-split-job.ts). What is timed is startJob → jobDone, as the user waits.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createRuntime, type Runtime } from '../main/app/runtime';
import { engineEntry } from '../main/engine/host/entry';
import { forkSpawner } from '../main/engine/host/spawner';
import type { SrScale } from '../main/engine/ops/sr';

export interface AppUpscaler {
  /** One upscale through the job queue; resolves with the output's RGB bytes. */
  run(): Promise<Uint8Array>;
  /** Seconds from startJob to jobDone of the last run (reading the pixels back is not counted). */
  lastJobSeconds(): number;
  /** The engines' process ids (for CPU accounting). */
  pids(): number[];
  /** Sum of every engine's peak RSS (VmHWM) and this process's, in MB. */
  peakRssMB(): number;
  dispose(): void;
}

export async function appUpscaler(rgb: Uint8Array, width: number, height: number, scale: SrScale, workers: number): Promise<AppUpscaler> {
  const dir = mkdtempSync(join(tmpdir(), 'sr-bench-app-'));
  const env = { ...process.env, LATENTSHOP_CACHE_DIR: join(dir, 'cache'), LATENTSHOP_BACKEND: 'wasm' };
  const runtime: Runtime = createRuntime(forkSpawner(engineEntry(env)), { mode: 'browser', exportDir: join(dir, 'exports'), stateDir: join(dir, 'state'), previewUrl: (id) => id }, workers);
  const png = await sharp(rgb, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
  const image = await runtime.service.upload({ name: 'bench.png', dataBase64: png.toString('base64') });
  let outputs = 0;
  let jobSeconds = 0;
  const run = async (): Promise<Uint8Array> => {
    const t0 = performance.now();
    const { jobId } = await runtime.service.startJob({ spec: { op: 'upscale', imageId: image.id, model: 'esrgan-slim', scale } });
    const result = await new Promise<{ id: string }>((resolve, reject) => {
      const done = (e: { jobId: string; result: { kind: string; image?: { id: string } } }): void => {
        if (e.jobId !== jobId) return;
        off();
        if (e.result.image) resolve(e.result.image);
        else reject(new Error(`unexpected ${e.result.kind} result`));
      };
      const failed = (e: { jobId: string; error: { message: string } }): void => {
        if (e.jobId !== jobId) return;
        off();
        reject(new Error(e.error.message));
      };
      const off = (): void => {
        runtime.service.off('jobDone', done);
        runtime.service.off('jobError', failed);
      };
      runtime.service.on('jobDone', done);
      runtime.service.on('jobError', failed);
    });
    jobSeconds = (performance.now() - t0) / 1000;
    const path = join(dir, `out-${(outputs += 1)}.png`);
    await runtime.host.call('exportImage', { imageId: result.id, path, options: { format: 'png' } });
    await runtime.service.releaseImage({ imageId: result.id });
    return new Uint8Array(await sharp(path).raw().toBuffer());
  };
  return {
    run,
    lastJobSeconds: () => jobSeconds,
    pids: () => runtime.hosts.flatMap((h) => (h.pid === undefined ? [] : [h.pid])),
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

function vmHwmKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
