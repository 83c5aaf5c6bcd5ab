import { randomUUID } from 'node:crypto';
import type { RasterImage } from '../io/raster';
import type { OpContext } from '../ops/context';
import type { Band, BandPlan, BandResult } from '../ops/sr/bands';
import { addSeams, placeBand, type SeamPart } from '../ops/sr/stitch';
import type { EngineHost } from './engine-host';
import { CANCEL_GRACE_MS } from './job-queue';

/** Tile rows per band call: results come back in small pieces (a few tens of MB for 24 MP ×2). */
export const BAND_ROWS = 2;

/** Runs one band on an engine; `bandId` carries its progress and cancel. */
export type BandCall = (host: EngineHost, band: Band, bandId: string) => Promise<BandResult>;

/**
 * Queues the bands of `plan` to `hosts` (each engine takes the next band when it is free)
 * and stitches them into `out`: a band is placed as it arrives and a seam is summed once
 * both of its halves are in, so little is held at any time. Shared by the CLI's
 * UpscalePool and the app's split upscale job.
 */
export async function runBandsOver(hosts: readonly EngineHost[], plan: BandPlan, out: RasterImage, call: BandCall, ctx: OpContext): Promise<void> {
  const ids = plan.bands.map(() => `band_${randomUUID().slice(0, 8)}`);
  const rowsOf = (b: Band): number => b.rows[1] - b.rows[0];
  const totalRows = plan.bands.reduce((n, b) => n + rowsOf(b), 0);
  const fractions = plan.bands.map(() => 0);
  const onProgress = (bandId: string, fraction: number): void => {
    const k = ids.indexOf(bandId);
    if (k < 0) return;
    fractions[k] = fraction;
    ctx.progress(fractions.reduce((sum, f, i) => sum + (f * rowsOf(plan.bands[i]!)) / totalRows, 0), 'upscale');
  };
  const running = new Map<EngineHost, string>();
  const onAbort = (): void => cancelRunning(running);
  hosts.forEach((h) => h.on('progress', onProgress));
  ctx.signal.addEventListener('abort', onAbort, { once: true });
  try {
    const seams = new Map<number, SeamPart>();
    let next = 0;
    let failed = false;
    const worker = async (host: EngineHost): Promise<void> => {
      for (let k = next++; k < plan.bands.length && !ctx.signal.aborted && !failed; k = next++) {
        const band = plan.bands[k]!;
        running.set(host, ids[k]!);
        const result = await call(host, band, ids[k]!)
          .catch((error: unknown) => {
            // One band failed: stop the others too, the image cannot be completed.
            if (!failed) cancelRunning(running);
            failed = true;
            throw error;
          })
          .finally(() => running.delete(host));
        placeBand(out, band, result);
        for (const part of result.seams) {
          const other = seams.get(part.y);
          seams.delete(part.y);
          if (other) addSeams(out, [other, part]);
          else seams.set(part.y, part);
        }
      }
    };
    // Wait for every engine to settle, so none is still busy with a band when its caller reuses it.
    const settled = await Promise.allSettled(hosts.slice(0, plan.bands.length).map(worker));
    const rejected = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  } finally {
    hosts.forEach((h) => h.off('progress', onProgress));
    ctx.signal.removeEventListener('abort', onAbort);
  }
}

/**
 * Asks each busy engine to stop. Bands check cancel between layers (ops/sr/stepped.ts), so
 * they stop within a fraction of a second; one that still does not is restarted after the grace.
 */
function cancelRunning(running: Map<EngineHost, string>): void {
  for (const [host, id] of running) host.cancel(id);
  setTimeout(() => {
    for (const [host, id] of running) if (running.get(host) === id) host.restart('a split upscale was cancelled');
  }, CANCEL_GRACE_MS).unref();
}
