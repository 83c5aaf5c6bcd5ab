import { LatentshopError } from '../../../preload/contract/errors';
import type { RasterImage } from '../io/raster';
import { throwIfCancelled } from '../ops/context';
import { BAND_ROWS, runBandsOver } from './band-runner';
import type { MultiEngineRunner } from './job-queue';

/**
 * The app's whole-image (or rectangle) upscale over every idle engine: wasm has one
 * thread per process, so this is what lets the user's upscale use all the cores. The
 * bands, the stitching and the exactness are those of the CLI's UpscalePool; the source
 * is read by id from the engines' shared session cache, and the stitched result goes back
 * to the first engine's store as the job's image. Batch-priority upscales (one job per
 * file) are not split: files already keep every engine busy, without seams to compute.
 */
export const srSplitRunner: MultiEngineRunner = {
  wants: (spec, priority) => spec.op === 'upscale' && priority === 'interactive',
  run: async (spec, hosts, ctx) => {
    const [lead] = hosts;
    if (spec.op !== 'upscale' || !lead) throw new LatentshopError('BAD_ARGUMENT', `A split run needs an upscale job and an engine (got ${spec.op}).`);
    const source = { imageId: spec.imageId, model: spec.model, scale: spec.scale, ...(spec.region && { region: spec.region }) };
    throwIfCancelled(ctx.signal);
    const { plan, width, height, channels, bitDepth } = await lead.call('srPlanImage', { ...source, workers: hosts.length, maxRows: BAND_ROWS });
    const s = spec.scale;
    const size = width * s * height * s * channels;
    const out: RasterImage = { width: width * s, height: height * s, channels, bitDepth, data: bitDepth === 16 ? new Uint16Array(size) : new Uint8Array(size), metadata: { name: 'upscaled' } };
    await runBandsOver(hosts, plan, out, (host, band, bandId) => host.call('upscaleImageBand', { ...source, jobId: bandId, plan, band }), ctx);
    throwIfCancelled(ctx.signal);
    return { kind: 'image', image: await lead.call('srStoreResult', { ...source, raster: out }) };
  },
};
