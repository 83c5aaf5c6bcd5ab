/**
 * Attribute-slider latency (issue 4: "attribute sliders preview in under 100 ms"), through the
 * app's own path: a runtime with one engine process (as browser mode builds it), a product
 * photo uploaded, a hybrid inversion of the product's region, then previewEdit calls with a
 * new α each time, as a dragged slider sends them. Timed: the main process's round trip
 * (what the renderer waits for, less its own WebSocket hop and drawing), and the engine's own
 * `ms`. Baseline in the same run: listAttributes, a round trip that does no work, so the
 * ratio says what the preview costs over the IPC floor on this machine.
 * Photo: t10k image 0 (a product never seen in training), area-scaled to a 1200 × 1200
 * region inside a 2000 × 1500 dark frame; `--quick`: fewer calls; `--family ID`: another family
 * (default `fashion`; `fashion-colour` times the RGB path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createRuntime, type Runtime } from '../main/app/runtime';
import { engineEntry } from '../main/engine/host/entry';
import { forkSpawner } from '../main/engine/host/spawner';
import { DEFAULT_DATA_DIR, loadFashion } from '../models/training/data';
import { jobResult } from '../main/app/job-result';
import { percentile } from './stats';

const FRAME = { width: 2000, height: 1500 };
const REGION = { x: 400, y: 150, width: 1200, height: 1200 };
const GOAL_MS = 100;

export async function run({ quick, args }: { quick: boolean; args: string[] }): Promise<Record<string, unknown>> {
  const calls = quick ? 30 : 100;
  const at = args.indexOf('--family');
  const family = at >= 0 ? (args[at + 1] ?? 'fashion') : 'fashion';
  const dir = mkdtempSync(join(tmpdir(), 'latent-preview-bench-'));
  const env = { ...process.env, LATENTSHOP_CACHE_DIR: join(dir, 'cache'), LATENTSHOP_BACKEND: 'wasm' };
  const runtime = createRuntime(forkSpawner(engineEntry(env)), { mode: 'browser', exportDir: join(dir, 'exports'), stateDir: join(dir, 'state'), previewUrl: (id) => id }, 1);
  try {
    const imageId = (await runtime.service.upload({ name: 'product.png', dataBase64: (await productPhoto()).toString('base64') })).id;
    const sessionId = await invert(runtime, imageId, family);
    const attributes = (await runtime.service.listAttributes({ family })).map((a) => a.name);
    const [first, second] = [attributes.find((n) => n === 'sneaker-to-ankle-boot') ?? attributes[0]!, attributes.find((n) => n === 'brightness') ?? attributes[1]!];
    // Warm-up: the first previews load the family and cache the region's crop, as the first slider touch does.
    for (let k = 0; k < 3; k += 1) await runtime.service.previewEdit({ sessionId, attributes: { [first]: 0.5 + k } });
    const ping: number[] = [];
    const roundTrip: number[] = [];
    const engine: number[] = [];
    let bytes = 0;
    for (let k = 0; k < calls; k += 1) {
      // A slider drag: α sweeps −3…3 on one attribute while a second sits at a set value.
      const alpha = Math.round((-3 + (6 * k) / Math.max(1, calls - 1)) * 10) / 10;
      const t0 = performance.now();
      await runtime.service.listAttributes({ family });
      const t1 = performance.now();
      const preview = await runtime.service.previewEdit({ sessionId, attributes: { [first]: alpha, [second]: 1 } });
      const t2 = performance.now();
      ping.push(t1 - t0);
      roundTrip.push(t2 - t1);
      engine.push(preview.ms);
      bytes += preview.dataUrl.length;
    }
    const p95 = quantile(roundTrip, 0.95);
    return {
      family,
      protocol: `t10k[0] as a ${REGION.width}×${REGION.height} region of a ${FRAME.width}×${FRAME.height} photo; hybrid inversion; ${calls} previewEdit calls (default 512 px preview, α sweeping −3…3 on ${first} with ${second} at 1), one engine process, wasm`,
      calls,
      roundTripMs: summary(roundTrip),
      engineMs: summary(engine),
      pingMs: summary(ping),
      roundTripVsPing: median(roundTrip) / Math.max(1e-3, median(ping)),
      meanDataUrlKB: Math.round(bytes / calls / 1024),
      goals: { p95Under100ms: p95 <= GOAL_MS },
    };
  } finally {
    runtime.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function invert(runtime: Runtime, imageId: string, family: string): Promise<string> {
  const { jobId } = await runtime.service.startJob({ spec: { op: 'invert', imageId, family, method: 'hybrid', region: REGION } });
  const result = await jobResult(runtime, jobId);
  if (result.kind !== 'latent') throw new Error(`expected a latent result, got ${result.kind}`);
  return result.sessionId;
}

/** t10k image 0, light on dark, area-scaled into the region of a dark frame, as RGB PNG. */
async function productPhoto(): Promise<Buffer> {
  const test = loadFashion('t10k', process.env['LATENTSHOP_FASHION_DATA'] ?? DEFAULT_DATA_DIR, 1);
  const product = await sharp(Buffer.from(test.pixels.subarray(0, 28 * 28)), { raw: { width: 28, height: 28, channels: 1 } })
    .resize(REGION.width, REGION.height, { kernel: 'cubic' }).toColourspace('srgb').png().toBuffer();
  return sharp({ create: { ...FRAME, channels: 3, background: { r: 12, g: 12, b: 14 } } })
    .composite([{ input: product, left: REGION.x, top: REGION.y }]).png({ compressionLevel: 1 }).toBuffer();
}

function quantile(values: number[], q: number): number {
  return percentile([...values].sort((a, b) => a - b), q);
}

const median = (values: number[]): number => quantile(values, 0.5);

function summary(values: number[]): { mean: number; p50: number; p95: number; max: number } {
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, p50: median(values), p95: quantile(values, 0.95), max: Math.max(...values) };
}
