import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RasterImage } from '../io/raster';
import { throwIfCancelled, type OpContext } from '../ops/context';
import { upscaleAlpha } from '../ops/sr/alpha';
import { addSeams, placeBand, sliceRows, type SeamPart } from '../ops/sr/bands';
import type { SrModelName, SrScale } from '../ops/sr/models';
import { extractAlpha, insertAlpha } from '../ops/sr/pixels';
import { EngineHost } from './engine-host';
import { engineEntry } from './entry';
import { CANCEL_GRACE_MS } from './job-queue';
import { forkSpawner, type EngineSpawner } from './spawner';

/** Tile rows per band call: results come back in small pieces (a few tens of MB for 24 MP ×2). */
const BAND_ROWS = 2;

export interface PoolUpscaleOptions {
  model: SrModelName;
  scale: SrScale;
  tileFlops?: number;
}

/**
 * Super-resolution of one image over several engine processes (CLI `--workers`, bench).
 * wasm runs one thread per process, so this is how one image uses every core: each
 * engine runs a band of tile rows and main stitches them (see ops/sr/bands.ts). Engines
 * start on first use and stay warm (model loaded) until dispose.
 */
export class UpscalePool {
  private readonly hosts: EngineHost[];
  private readonly cacheDir: string;

  constructor(workers: number, spawn?: EngineSpawner) {
    this.cacheDir = mkdtempSync(join(tmpdir(), 'latentshop-sr-pool-'));
    const spawner = spawn ?? forkSpawner(engineEntry({ ...process.env, LATENTSHOP_CACHE_DIR: this.cacheDir }));
    this.hosts = Array.from({ length: Math.max(1, workers) }, () => new EngineHost(spawner));
  }

  async upscale(raster: RasterImage, options: PoolUpscaleOptions, ctx: OpContext): Promise<RasterImage> {
    throwIfCancelled(ctx.signal);
    const { model, scale } = options;
    const plan = await this.hosts[0]!.call('srPlan', { model, scale, width: raster.width, height: raster.height, workers: this.hosts.length, maxRows: BAND_ROWS, ...(options.tileFlops !== undefined && { tileFlops: options.tileFlops }) });
    const ids = plan.bands.map(() => `band_${randomUUID().slice(0, 8)}`);
    const totalRows = plan.bands.reduce((n, b) => n + b.rows[1] - b.rows[0], 0);
    const fractions = plan.bands.map(() => 0);
    const onProgress = (jobId: string, fraction: number): void => {
      const k = ids.indexOf(jobId);
      if (k < 0) return;
      fractions[k] = fraction;
      ctx.progress(fractions.reduce((sum, f, i) => sum + (f * (plan.bands[i]!.rows[1] - plan.bands[i]!.rows[0])) / totalRows, 0), 'upscale');
    };
    const running = new Map<EngineHost, string>();
    const onAbort = (): void => cancelRunning(running);
    this.hosts.forEach((h) => h.on('progress', onProgress));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    try {
      const size = raster.width * scale * raster.height * scale * raster.channels;
      const out: RasterImage = { ...raster, width: raster.width * scale, height: raster.height * scale, data: raster.bitDepth === 16 ? new Uint16Array(size) : new Uint8Array(size), metadata: { ...raster.metadata } };
      const seams = new Map<number, SeamPart>();
      let next = 0;
      // Each engine takes the next band when it is free; a band is placed as it arrives and a
      // seam is summed once both of its halves are in, so little is held at any time.
      const worker = async (host: EngineHost): Promise<void> => {
        for (let k = next++; k < plan.bands.length && !ctx.signal.aborted; k = next++) {
          const band = plan.bands[k]!;
          running.set(host, ids[k]!);
          const slice = sliceRows(raster, band.input);
          const call = host.call('upscaleBand', { jobId: ids[k]!, model, scale, slice: { ...slice, metadata: { name: raster.metadata.name } }, fullHeight: raster.height, plan, band });
          const result = await call.finally(() => running.delete(host));
          placeBand(out, band, result);
          for (const part of result.seams) {
            const other = seams.get(part.y);
            seams.delete(part.y);
            if (other) addSeams(out, [other, part]);
            else seams.set(part.y, part);
          }
        }
      };
      await Promise.all(this.hosts.slice(0, plan.bands.length).map(worker));
      throwIfCancelled(ctx.signal);
      const alpha = extractAlpha(raster);
      if (alpha) insertAlpha(out, await upscaleAlpha(alpha, raster.width, raster.height, scale, raster.bitDepth));
      return out;
    } finally {
      this.hosts.forEach((h) => h.off('progress', onProgress));
      ctx.signal.removeEventListener('abort', onAbort);
    }
  }

  /** Peak resident memory of every engine (VmHWM, Linux) plus this process, in MB: an upper bound of the sum. */
  peakRssMB(): number {
    const engines = this.hosts.map((h) => (h.pid === undefined ? 0 : vmHwmKb(h.pid))).reduce((a, b) => a + b, 0);
    return Math.round((engines + process.resourceUsage().maxRSS) / 1024);
  }

  dispose(): void {
    this.hosts.forEach((h) => h.stop());
    rmSync(this.cacheDir, { recursive: true, force: true });
  }
}

/** Asks each busy engine to stop; one still inside a long tile is restarted after the usual grace. */
function cancelRunning(running: Map<EngineHost, string>): void {
  for (const [host, id] of running) host.cancel(id);
  setTimeout(() => {
    for (const [host, id] of running) if (running.get(host) === id) host.restart('a split upscale was cancelled');
  }, CANCEL_GRACE_MS).unref();
}

function vmHwmKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
