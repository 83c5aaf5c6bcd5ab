import { readFileSync } from 'node:fs';
import type { RasterImage } from '../io/raster';
import { makeTempDir, removeTempDir } from '../io/temp-dirs';
import { throwIfCancelled, type OpContext } from '../ops/context';
import { upscaleAlpha } from '../ops/sr/alpha';
import { sliceRows } from '../ops/sr/bands';
import type { SrModelName, SrScale } from '../ops/sr/models';
import { extractAlpha, insertAlpha } from '../ops/sr/pixels';
import { EngineHost } from './engine-host';
import { engineEntry } from './entry';
import { BAND_ROWS, runBandsOver } from './band-runner';
import { forkSpawner, type EngineSpawner } from './spawner';


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
    this.cacheDir = makeTempDir('latentshop-sr-pool-');
    const spawner = spawn ?? forkSpawner(engineEntry({ ...process.env, LATENTSHOP_CACHE_DIR: this.cacheDir }));
    this.hosts = Array.from({ length: Math.max(1, workers) }, () => new EngineHost(spawner));
  }

  async upscale(raster: RasterImage, options: PoolUpscaleOptions, ctx: OpContext): Promise<RasterImage> {
    throwIfCancelled(ctx.signal);
    const { model, scale } = options;
    const plan = await this.hosts[0]!.call('srPlan', { model, scale, width: raster.width, height: raster.height, workers: this.hosts.length, maxRows: BAND_ROWS, ...(options.tileFlops !== undefined && { tileFlops: options.tileFlops }) });
    const size = raster.width * scale * raster.height * scale * raster.channels;
    const out: RasterImage = { ...raster, width: raster.width * scale, height: raster.height * scale, data: raster.bitDepth === 16 ? new Uint16Array(size) : new Uint8Array(size), metadata: { ...raster.metadata } };
    await runBandsOver(this.hosts, plan, out, (host, band, bandId) => {
      const slice = sliceRows(raster, band.input);
      return host.call('upscaleBand', { jobId: bandId, model, scale, slice: { ...slice, metadata: { name: raster.metadata.name } }, fullHeight: raster.height, plan, band });
    }, ctx);
    throwIfCancelled(ctx.signal);
    const alpha = extractAlpha(raster);
    if (alpha) insertAlpha(out, await upscaleAlpha(alpha, raster.width, raster.height, scale, raster.bitDepth));
    return out;
  }

  /** Peak resident memory of every engine (VmHWM, Linux) plus this process, in MB: an upper bound of the sum. */
  peakRssMB(): number {
    const engines = this.hosts.map((h) => (h.pid === undefined ? 0 : vmHwmKb(h.pid))).reduce((a, b) => a + b, 0);
    return Math.round((engines + process.resourceUsage().maxRSS) / 1024);
  }

  dispose(): void {
    this.hosts.forEach((h) => h.stop());
    removeTempDir(this.cacheDir);
  }
}

/** Peak resident memory of a process (Linux /proc VmHWM), in KB; 0 once it has gone. */
export function vmHwmKb(pid: number): number {
  try {
    const match = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}
