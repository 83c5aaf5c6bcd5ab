import type { UpscaleJobSpec } from '../../../preload/contract/sr';
import type { RasterImage } from '../io/raster';
import type { OpContext } from '../ops/context';
import { upscaleAlpha } from '../ops/sr/alpha';
import type { SrImagePlan } from '../ops/sr/band-methods';
import { planBands, runBand, sliceRows, type Band, type BandPlan, type BandResult } from '../ops/sr/bands';
import { getSrNet } from '../ops/sr/models';
import { extractAlpha, insertAlpha } from '../ops/sr/pixels';
import { cropRegion, cropUpscaled, regionWithContext, type RegionWithContext } from '../ops/sr/region';
import type { ImageMeta } from '../protocol';
import { ImageStore } from './image-store';
import { checkOutputSize } from './sr-jobs';

type SplitSource = Pick<UpscaleJobSpec, 'imageId' | 'model' | 'scale' | 'region'>;

interface JobHandle {
  signal: AbortSignal;
  progress(fraction: number, stage: string): void;
  end(): void;
}

/**
 * Engine side of an in-app upscale split over several engines. Images live in the
 * engines' shared session cache, so every engine reads the source by id (no pixels go
 * through main on the way in); main stitches the bands and hands the result back.
 */
export function srSplitMethods(store: ImageStore, startJob: (jobId: string) => JobHandle): {
  srPlanImage(args: SplitSource & { workers: number; maxRows?: number }): Promise<SrImagePlan>;
  upscaleImageBand(args: SplitSource & { jobId: string; plan: BandPlan; band: Band }): Promise<BandResult>;
  srStoreResult(args: SplitSource & { raster: RasterImage }): Promise<ImageMeta>;
} {
  /** The source image, the crop every engine upscales (the region with its context), and where the region sits in that. */
  async function placement({ imageId, region }: SplitSource): Promise<{ image: RasterImage } & RegionWithContext> {
    const image = await store.get(imageId);
    return { image, ...regionWithContext(image, region) };
  }

  return {
    srPlanImage: async ({ workers, maxRows, ...split }) => {
      const { model, scale } = split;
      const { image, outer } = await placement(split);
      checkOutputSize(split.region?.width ?? image.width, split.region?.height ?? image.height, scale);
      const input = cropRegion(image, outer);
      const { tileNet } = await getSrNet(model, scale);
      const plan = planBands(input.width, input.height, tileNet, workers, maxRows !== undefined ? { maxRows } : {});
      return { plan, width: input.width, height: input.height, channels: input.channels, bitDepth: input.bitDepth };
    },
    upscaleImageBand: async ({ jobId, plan, band, ...split }) => {
      const job = startJob(jobId);
      try {
        const { image, outer } = await placement(split);
        const input = cropRegion(image, outer);
        const { tileNet } = await getSrNet(split.model, split.scale);
        const ctx: OpContext = { signal: job.signal, progress: job.progress };
        return await runBand(sliceRows(input, band.input), input.height, tileNet, plan, band, ctx);
      } finally {
        job.end();
      }
    },
    srStoreResult: async ({ raster, ...split }) => {
      const { scale } = split;
      // Main stitched the crop with its context; the region's own pixels and alpha are what is kept.
      const { image, inner } = await placement(split);
      const input = cropRegion(image, split.region);
      const out: RasterImage = { ...cropUpscaled(raster, inner, scale), metadata: { ...input.metadata } };
      const alpha = extractAlpha(input);
      if (alpha) insertAlpha(out, await upscaleAlpha(alpha, input.width, input.height, scale, input.bitDepth));
      return ImageStore.describe(await store.put(out), out);
    },
  };
}
