import { existsSync, mkdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { ExportOptions, ImageFormat } from '../../../preload/contract/types';
import { selectBackend } from '../../engine/backend/select';
import { UpscalePool } from '../../engine/host/sr-pool';
import { exportRaster, writeError } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import type { RasterImage } from '../../engine/io/raster';
import type { OpContext } from '../../engine/ops/context';
import { THROUGHPUT_TILE_FLOPS, upscaleRaster, type SrModelName, type SrScale } from '../../engine/ops/sr';
import { checkOutputSize } from '../../engine/worker/sr-jobs';
import { checkedFormat, checkWritable, writtenShape } from '../output-checks';

/** Below this many input pixels one process is faster than starting engines (~1–2 s each). */
const SPLIT_MIN_PIXELS = 400 * 400;

export interface UpscaleRunOptions {
  model: SrModelName;
  scale: SrScale;
  workers: number;
  format?: ImageFormat;
  quality?: number;
  overwrite: boolean;
}

/**
 * Upscales files one after another. Each image is split over `workers` engine processes
 * when it is big enough (wasm has one thread per process); small ones run in this process.
 */
export class UpscaleRunner {
  private pool: UpscalePool | undefined;
  private backendReady: Promise<unknown> | undefined;

  constructor(private readonly options: UpscaleRunOptions) {}

  async run(input: string, output: string, ctx: OpContext): Promise<{ raster: RasterImage; path: string; bytes: number; workers: number; channels: number; bitDepth: 8 | 16 }> {
    const { model, scale, workers } = this.options;
    await checkWritable(output, [input], this.options.overwrite);
    const image = await decodeImageFile(input);
    // Refused before the work, as the app refuses it: 400 MP of RGB is 1.2 GB in memory.
    checkOutputSize(image.width, image.height, scale);
    const format = checkedFormat(this.options.format, output, image.metadata.format ?? 'png');
    const split = workers > 1 && image.width * image.height >= SPLIT_MIN_PIXELS;
    let raster: RasterImage;
    if (split) {
      this.pool ??= new UpscalePool(workers);
      raster = await this.pool.upscale(image, { model, scale }, ctx);
    } else {
      this.backendReady ??= selectBackend();
      await this.backendReady;
      raster = await upscaleRaster(image, { model, scale, tileFlops: THROUGHPUT_TILE_FLOPS }, ctx);
    }
    const exportOptions: ExportOptions = { format, overwrite: this.options.overwrite };
    if (this.options.quality !== undefined) exportOptions.quality = this.options.quality;
    const result = await exportRaster(raster, output, exportOptions);
    return { raster, path: result.path, bytes: result.bytes, workers: split ? workers : 1, ...(await writtenShape(result.path)) };
  }

  dispose(): void {
    this.pool?.dispose();
  }
}

/**
 * Where each input goes: `-o` is a file for one input, or a folder (existing, ending in
 * a slash, or given several inputs) that gets `<name>.x<scale>.<ext>` for each. Inputs of one
 * name from different folders get `<name>-2.x<scale>.<ext>`…, so no result replaces another.
 */
export function outputPaths(inputs: string[], output: string, scale: number, format?: ImageFormat): string[] {
  const isDir = inputs.length > 1 || /[\\/]$/.test(output) || (existsSync(output) && statSync(output).isDirectory());
  if (!isDir) {
    checkedFormat(format, output);
    return [output];
  }
  try {
    mkdirSync(output, { recursive: true });
  } catch (error) {
    throw writeError(output, error);
  }
  const taken = new Set<string>();
  return inputs.map((input) => {
    const ext = format ? (format === 'jpeg' ? '.jpg' : `.${format}`) : extname(input) || '.png';
    const stem = basename(input, extname(input));
    for (let n = 1; ; n += 1) {
      const path = join(output, `${stem}${n > 1 ? `-${n}` : ''}.x${scale}${ext}`);
      if (!taken.has(path.toLowerCase())) {
        taken.add(path.toLowerCase());
        return path;
      }
    }
  });
}
