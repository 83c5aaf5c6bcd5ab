import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { toErrorData } from '../../../preload/contract/errors';
import { isImageFormat } from '../../engine/io/formats';
import { subContext } from '../../engine/ops/context';
import { SR_MODELS, SR_SCALES, type SrModelName, type SrScale } from '../../engine/ops/sr/models';
import { type CliIo, EXIT_FAILED, EXIT_OK, IMAGE_OUTPUT_OPTIONS, parseNumber, parseOrUsage, printFailure, UsageError, writeJson } from '../args';
import { createProgress } from '../progress';
import { checkQuality } from '../output-checks';
import { outputPaths, UpscaleRunner } from './upscale-run';

export const UPSCALE_HELP = `Usage: latentshop upscale <input…> --model M --scale S -o <output or folder> [options]

Super-resolves images with ESRGAN, keeping bit depth, alpha, ICC profile and EXIF.
With several inputs (or a folder as -o) each result is <folder>/<name>.x<S>.<ext>
(<name>-2.x<S>.<ext>… when inputs from different folders share a name). Results over
400 megapixels are refused before any work.

Options:
  -m, --model M        esrgan-slim, esrgan-medium or esrgan-thick (or slim, medium, thick)
  -s, --scale S        2, 3, 4 or 8
  -o, --output P       Output file (one input) or folder
  -w, --workers N      Engine processes splitting each large image, 1 to 16
                       (default: one per core, up to 4; 1 runs in this process)
  -f, --format F       png, jpeg, webp or tiff (default: the output's or input's)
  -q, --quality Q      1 to 100, for JPEG and WebP (default 92; a lossless WebP
                       stays lossless unless a quality is given)
      --overwrite      Replace existing output files
      --json           Print the results as JSON on stdout
      --progress       Show progress on stderr even when it is not a terminal
  -h, --help           Show this help
`;

const options = {
  model: { type: 'string', short: 'm' },
  scale: { type: 'string', short: 's' },
  workers: { type: 'string', short: 'w' },
  ...IMAGE_OUTPUT_OPTIONS,
} as const;

export async function runUpscale(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(UPSCALE_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the input file(s)');
  if (values.output === undefined) throw new UsageError('missing -o <output or folder>');
  const model = parseModel(values.model);
  const scale = parseNumber(values.scale, '--scale', { min: 2, max: 8, integer: true });
  if (scale === undefined || !(SR_SCALES as readonly number[]).includes(scale)) throw new UsageError(`--scale must be 2, 3, 4 or 8${values.scale ? `, not "${values.scale}"` : ''}`);
  const workers = parseNumber(values.workers, '--workers', { min: 1, max: 16, integer: true }) ?? Math.min(availableParallelism(), 4);
  const format = values.format === undefined ? undefined : values.format.toLowerCase() === 'jpg' ? 'jpeg' : values.format.toLowerCase();
  if (format !== undefined && !isImageFormat(format)) throw new UsageError(`--format must be png, jpeg, webp or tiff, not "${values.format ?? ''}"`);
  const quality = parseNumber(values.quality, '--quality', { min: 1, max: 100, integer: true });
  checkQuality(quality, format);
  const outputs = outputPaths(positionals, values.output, scale, format);

  const runner = new UpscaleRunner({ model, scale: scale as SrScale, workers, overwrite: values.overwrite === true, ...(format && { format }), ...(quality !== undefined && { quality }) });
  const progress = createProgress(io.stderr, values.progress === true || io.stderr.isTTY === true);
  const ctx = { signal: new AbortController().signal, progress };
  const results: Array<Record<string, unknown>> = [];
  let failed = 0;
  try {
    for (const [i, input] of positionals.entries()) {
      const started = performance.now();
      try {
        const done = await runner.run(input, outputs[i]!, subContext(ctx, i / positionals.length, (i + 1) / positionals.length));
        const { width, height } = done.raster;
        const { channels, bitDepth } = done;
        const seconds = Math.round(performance.now() - started) / 1000;
        results.push({ input, output: done.path, bytes: done.bytes, width, height, channels, bitDepth, model, scale, workers: done.workers, seconds });
        if (!values.json) io.stdout.write(`${done.path}: ${width} × ${height}, ${bitDepth}-bit, ${done.bytes} bytes, ${seconds.toFixed(1)} s\n`);
      } catch (error) {
        failed += 1;
        progress.end();
        printFailure(io, error, input);
        const { code, message } = toErrorData(error);
        results.push({ input, error: code, message });
      }
    }
  } finally {
    progress.end();
    runner.dispose();
  }
  if (values.json) writeJson(io, positionals.length === 1 ? results[0] : results);
  return failed > 0 ? EXIT_FAILED : EXIT_OK;
}

function parseModel(value: string | undefined): SrModelName {
  if (value === undefined) throw new UsageError('missing --model esrgan-slim|esrgan-medium|esrgan-thick');
  const name = value.startsWith('esrgan-') ? value : `esrgan-${value}`;
  if (!(SR_MODELS as readonly string[]).includes(name)) throw new UsageError(`--model must be esrgan-slim, esrgan-medium or esrgan-thick, not "${value}"`);
  return name as SrModelName;
}
