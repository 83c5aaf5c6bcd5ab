import type { RasterImage } from '../../io/raster';
import type { OpContext } from '../context';
import { planBands, runBand, type Band, type BandPlan, type BandResult } from './bands';
import { getSrNet, type SrModelName, type SrScale } from './models';

export interface SrPlanArgs {
  model: SrModelName;
  scale: SrScale;
  width: number;
  height: number;
  workers: number;
  /** FLOPs per tile; default THROUGHPUT_TILE_FLOPS (nobody waits on a per-tile cancel). */
  tileFlops?: number;
  /** Tile rows per band at most (default: one band per worker). */
  maxRows?: number;
}

export interface UpscaleBandArgs {
  /** Progress and cancel travel under this id, as for jobs. */
  jobId: string;
  model: SrModelName;
  scale: SrScale;
  /** Input rows band.input of the image. */
  slice: RasterImage;
  fullHeight: number;
  plan: BandPlan;
  band: Band;
}

/** The source's shape and the band plan of a split in-app upscale (engine/host/sr-split-job.ts). */
export interface SrImagePlan {
  plan: BandPlan;
  width: number;
  height: number;
  channels: RasterImage['channels'];
  bitDepth: RasterImage['bitDepth'];
}

interface JobHandle {
  signal: AbortSignal;
  progress(fraction: number, stage: string): void;
  end(): void;
}

/** The engine-side half of a split upscale (the host side is engine/host/sr-pool.ts). */
export function srBandMethods(startJob: (jobId: string) => JobHandle): {
  srPlan(args: SrPlanArgs): Promise<BandPlan>;
  upscaleBand(args: UpscaleBandArgs): Promise<BandResult>;
} {
  return {
    srPlan: async ({ model, scale, width, height, workers, tileFlops, maxRows }) => {
      const { tileNet } = await getSrNet(model, scale);
      return planBands(width, height, tileNet, workers, { ...(tileFlops !== undefined && { tileFlops }), ...(maxRows !== undefined && { maxRows }) });
    },
    upscaleBand: async ({ jobId, model, scale, slice, fullHeight, plan, band }) => {
      const job = startJob(jobId);
      try {
        const { tileNet } = await getSrNet(model, scale);
        const ctx: OpContext = { signal: job.signal, progress: job.progress };
        return await runBand(slice, fullHeight, tileNet, plan, band, ctx);
      } finally {
        job.end();
      }
    },
  };
}
