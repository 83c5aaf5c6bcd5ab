import { parseArgs } from 'node:util';
import type { ExportOptions, ImageFormat } from '../../../preload/contract/types';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import { isImageFormat } from '../../engine/io/formats';
import { type OpContext, subContext } from '../../engine/ops/context';
import { type ResizeSpec, resizeRaster } from '../../engine/ops/resize/resize';
import { type CliIo, EXIT_OK, IMAGE_OUTPUT_OPTIONS, parseNumber, parseOrUsage, printFailure, UsageError, writeJson } from '../args';
import { checkedFormat, checkQuality, checkWritable, writtenShape } from '../output-checks';
import { createProgress } from '../progress';

export const RESIZE_HELP = `Usage: latentshop resize <input> (--scale S | --width W [--height H]) -o <output> [options]

Resizes an image with the Lanczos3 filter, keeping its bit depth, alpha, ICC profile and EXIF.
Give --width and --height, or just one of them to keep the aspect ratio.

Options:
  -s, --scale S        Scale factor, 0.01 to 16
  -w, --width W        Width in pixels
  -H, --height H       Height in pixels
  -o, --output FILE    Where to write the result (required)
  -f, --format F       png, jpeg, webp or tiff (default: from the output's extension)
  -q, --quality Q      1 to 100, for JPEG and WebP (default 92; a lossless WebP
                       stays lossless unless a quality is given)
      --overwrite      Replace the output file if it exists, even if it is the input
      --json           Print the result as JSON on stdout
      --progress       Show progress on stderr even when it is not a terminal
  -h, --help           Show this help
`;

const options = {
  scale: { type: 'string', short: 's' },
  width: { type: 'string', short: 'w' },
  height: { type: 'string', short: 'H' },
  ...IMAGE_OUTPUT_OPTIONS,
} as const;

export async function runResize(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(RESIZE_HELP);
    return EXIT_OK;
  }
  const [input, ...extra] = positionals;
  if (input === undefined) throw new UsageError('missing the input file');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
  if (values.output === undefined) throw new UsageError('missing -o <output>');
  const output = values.output;
  const spec = resizeSpec(values);
  const exportOptions: ExportOptions = { format: outputFormat(values.format, output), overwrite: values.overwrite === true };
  const quality = parseNumber(values.quality, '--quality', { min: 1, max: 100, integer: true });
  checkQuality(quality, exportOptions.format);
  if (quality !== undefined) exportOptions.quality = quality;

  const progress = createProgress(io.stderr, values.progress === true || io.stderr.isTTY === true);
  const ctx: OpContext = { signal: new AbortController().signal, progress };
  let file = input;
  try {
    await checkWritable(output, [input], exportOptions.overwrite === true);
    progress(0, 'decode');
    const image = await decodeImageFile(input);
    const resized = await resizeRaster(image, spec, subContext(ctx, 0.3, 0.8));
    file = output;
    progress(0.8, 'encode');
    const result = await exportRaster(resized, output, exportOptions);
    progress(1, 'done');
    progress.end();
    const { width, height } = resized;
    // As written: a JPEG of a 16-bit or transparent image holds 8 bits and no alpha.
    const { channels, bitDepth } = await writtenShape(result.path);
    const summary = { input, output: result.path, bytes: result.bytes, format: exportOptions.format, width, height, channels, bitDepth };
    if (values.json) writeJson(io, summary);
    else io.stdout.write(`${result.path}: ${width} × ${height}, ${bitDepth}-bit, ${result.bytes} bytes\n`);
    return EXIT_OK;
  } catch (error) {
    progress.end();
    return printFailure(io, error, file);
  }
}

interface SizeFlags {
  scale?: string | undefined;
  width?: string | undefined;
  height?: string | undefined;
}

function resizeSpec(values: SizeFlags): ResizeSpec {
  const scale = parseNumber(values.scale, '--scale', { min: 0.01, max: 16 });
  const width = parseNumber(values.width, '--width', { min: 1, max: 65535, integer: true });
  const height = parseNumber(values.height, '--height', { min: 1, max: 65535, integer: true });
  const sized = width !== undefined || height !== undefined;
  if (scale !== undefined && sized) throw new UsageError('give either --scale or --width/--height, not both');
  if (scale !== undefined) return { scale };
  if (!sized) throw new UsageError('give --scale, or --width and/or --height');
  const spec: ResizeSpec = {};
  if (width !== undefined) spec.width = width;
  if (height !== undefined) spec.height = height;
  return spec;
}

function outputFormat(flag: string | undefined, output: string): ImageFormat {
  const normal = flag === undefined ? undefined : flag.toLowerCase() === 'jpg' ? 'jpeg' : flag.toLowerCase();
  if (normal !== undefined && !isImageFormat(normal)) throw new UsageError(`--format must be png, jpeg, webp or tiff, not "${flag ?? ''}"`);
  return checkedFormat(normal, output);
}
