import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createRuntime, type Runtime } from '../app/runtime';
import { engineEntry } from '../engine/host/entry';
import { forkSpawner } from '../engine/host/spawner';
import type { LatentshopEvents } from '../../preload/contract/service';
import type { ImageInfo, JobResult } from '../../preload/contract/types';

export interface Harness {
  runtime: Runtime;
  dir: string;
  close(): void;
}

/** A real runtime with a real engine process (from sources, through tsx), as browser mode builds it. */
export function startHarness(workers = 1): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'latentshop-test-'));
  const env = { ...process.env, LATENTSHOP_CACHE_DIR: join(dir, 'cache'), LATENTSHOP_BACKEND: 'wasm' };
  const runtime = createRuntime(forkSpawner(engineEntry(env)), {
    mode: 'browser',
    exportDir: join(dir, 'exports'),
    previewUrl: (id) => `/image/${id}.png`,
  }, workers);
  return {
    runtime,
    dir,
    close: () => {
      runtime.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A photo-like RGB PNG: gradients plus a square, so resizes have real structure. */
export async function gradientPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 3;
      const inSquare = x > width / 4 && x < width / 2 && y > height / 4 && y < height / 2;
      data[i] = Math.round((255 * x) / Math.max(1, width - 1));
      data[i + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      data[i + 2] = inSquare ? 255 : 30;
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** Resolves with the next event of a kind that matches. */
export function nextEvent<E extends keyof LatentshopEvents>(
  runtime: Runtime,
  event: E,
  match: (payload: LatentshopEvents[E]) => boolean = () => true,
): Promise<LatentshopEvents[E]> {
  return new Promise((resolve) => {
    const listener = (payload: LatentshopEvents[E]) => {
      if (!match(payload)) return;
      (runtime.service.off as (e: E, l: typeof listener) => void)(event, listener);
      resolve(payload);
    };
    (runtime.service.on as (e: E, l: typeof listener) => void)(event, listener);
  });
}

/** The image of an image result; jobs also return latent results since issue 4, so tests narrow. */
export function imageOf(result: JobResult): ImageInfo {
  if (result.kind !== 'image') throw new Error(`expected an image result, got ${result.kind}`);
  return result.image;
}

/**
 * Cancels a running job and measures how long until its jobError arrives; then waits past
 * the job queue's restart grace, so a caller's engineRestarted listener has seen any restart.
 */
export async function cancelAndSettle(runtime: Runtime, jobId: string): Promise<{ code: string; ms: number }> {
  const errored = nextEvent(runtime, 'jobError', (e) => e.jobId === jobId);
  const started = performance.now();
  await runtime.service.cancelJob({ jobId });
  const { error } = await errored;
  const ms = performance.now() - started;
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return { code: error.code, ms };
}
