import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { InversionMethod, PixelLoss } from '../../../preload/contract/latent';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import type { RasterImage } from '../../engine/io/raster';
import type { OpContext } from '../../engine/ops/context';
import { applyEdit } from '../../engine/ops/latent/apply-edit';
import { invertImages } from '../../engine/ops/latent/invert';
import { domainQuality, invertToSession } from '../../engine/ops/latent/invert-job';
import { LatentSessionStore } from '../../engine/ops/latent/sessions';
import { type CliIo, EXIT_OK, parseNumber, parseOrUsage, UsageError, writeJson } from '../args';
import { createProgress } from '../progress';
import { latentOptions, openFamily, outputFormat, parseRegion, readDomainImage, round, writeDomain } from './latent-common';

export const INVERT_HELP = `Usage:
  latentshop invert <image> [--method optimize|encoder|hybrid] [--region x,y,w,h] [--iterations N] [--starts K]
                    [--pixel-loss l2|l1] [-o recon.png] [--z-out z.json] [--json]
  latentshop edit <image> --attr NAME=ALPHA [--attr …] [--method hybrid] [--region x,y,w,h] [--pixel-loss l2|l1]
                  -o out.jpg [--json]

invert finds z with G(z) ≈ the image (region) and prints PSNR/SSIM in the generator's domain.
edit inverts, moves z along attributes (α in [-3, 3]) and blends the change into the photo;
pixels outside the region are kept bit for bit. --pixel-loss picks the norm of the optimiser's
pixel term: l2 (default, mean squared error) or l1 (mean absolute error). --starts K keeps the
best of K starts: optimize's are random (default 4); hybrid's are E's code and its ReStyle
iterates (default 1; 4 take about 3× as long on one image and gain about 0.06 dB on average).

Options: -m, --model FAMILY (default fashion), --overwrite, --progress, -h, --help
`;

const options = {
  ...latentOptions,
  method: { type: 'string', default: 'hybrid' },
  region: { type: 'string' },
  iterations: { type: 'string' },
  starts: { type: 'string' },
  'pixel-loss': { type: 'string', default: 'l2' },
  'z-out': { type: 'string' },
  attr: { type: 'string', multiple: true },
} as const;

export function parseMethod(value: string): InversionMethod {
  if (value === 'optimize' || value === 'encoder' || value === 'hybrid') return value;
  throw new UsageError(`--method must be optimize, encoder or hybrid, not "${value}"`);
}

export function parsePixelLoss(value: string): PixelLoss {
  if (value === 'l2' || value === 'l1') return value;
  throw new UsageError(`--pixel-loss must be l2 or l1, not "${value}"`);
}

/** NAME=ALPHA pairs; names as the app validates them, α in [-3, 3]. */
export function parseAttributes(pairs: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of pairs) {
    const [name, alpha] = pair.split('=');
    if (!name || !/^[a-z0-9][a-z0-9-]{0,40}$/.test(name)) throw new UsageError(`--attr needs NAME=ALPHA with a lower-case name, not "${pair}"`);
    out[name] = parseNumber(alpha, `--attr ${name}`, { min: -3, max: 3 }) ?? 0;
  }
  return out;
}

export async function runInvert(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
  if (values.help) return void io.stdout.write(INVERT_HELP), EXIT_OK;
  const input = positionals[0];
  if (!input) throw new UsageError('missing the input image');
  const method = parseMethod(values.method);
  const iterations = parseNumber(values.iterations, '--iterations', { min: 1, max: 5000, integer: true });
  const starts = parseNumber(values.starts, '--starts', { min: 1, max: 16, integer: true });
  const pixelLoss = parsePixelLoss(values['pixel-loss']);
  const progress = createProgress(io.stderr, values.progress === true || io.stderr.isTTY === true);
  const fam = await openFamily(values.model);
  const { values: target, mapping } = await readDomainImage(input, fam, parseRegion(values.region));
  const result = await invertImages(fam, target, 1, {
    method,
    ...(iterations === undefined ? {} : { iterations }),
    ...(starts === undefined ? {} : { starts }),
    pixelLoss,
    onStep: (k, n, loss) => progress(k / n, `iteration ${k}/${n}, loss ${loss.toFixed(4)}`),
  });
  progress.end();
  const quality = domainQuality(fam, result.recon, target);
  const z = Array.from(result.z, (v) => round(v, 5));
  const output = values.output ? await writeDomain(values.output, fam, result.recon, mapping.polarity === 'inverted', values.overwrite === true) : undefined;
  if (values['z-out']) await writeFile(values['z-out'], `${JSON.stringify(z)}\n`);
  const summary = { input, family: fam.id, method, pixelLoss, region: mapping.region, polarity: mapping.polarity, psnr: round(quality.psnr, 2), ssim: round(quality.ssim), iterations: result.iterations, ms: Math.round(result.ms), output, z };
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${input}: ${method}, PSNR ${summary.psnr} dB, SSIM ${summary.ssim}, ${summary.iterations} iterations, ${summary.ms} ms\n`);
  return EXIT_OK;
}

/** A throwaway session store and photo for one CLI run: the same engine code as the app's jobs. */
export async function withCliSession<T>(fn: (sessions: LatentSessionStore) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'latentshop-cli-'));
  try {
    return await fn(new LatentSessionStore(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export async function runEdit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
  if (values.help) return void io.stdout.write(INVERT_HELP), EXIT_OK;
  const input = positionals[0];
  if (!input) throw new UsageError('missing the input image');
  if (!values.output) throw new UsageError('missing -o <output>');
  const attributes = parseAttributes(values.attr ?? []);
  if (Object.keys(attributes).length === 0) throw new UsageError('give at least one --attr NAME=ALPHA');
  const format = outputFormat(values.output);
  const iterations = parseNumber(values.iterations, '--iterations', { min: 1, max: 5000, integer: true });
  const pixelLoss = parsePixelLoss(values['pixel-loss']);
  const progress = createProgress(io.stderr, values.progress === true || io.stderr.isTTY === true);
  const ctx: OpContext = { signal: new AbortController().signal, progress };
  const fam = await openFamily(values.model);
  const photo: RasterImage = await decodeImageFile(input);
  const region = parseRegion(values.region);
  const summary = await withCliSession(async (sessions) => {
    const spec = { op: 'invert' as const, imageId: 'cli', family: fam.id, method: parseMethod(values.method), pixelLoss, ...(region ? { region } : {}), ...(iterations ? { iterations } : {}) };
    const session = await invertToSession(spec, photo, ctx, sessions);
    const edited = await applyEdit({ op: 'applyEdit', sessionId: session.sessionId, attributes }, ctx, async () => photo, sessions);
    const written = await exportRaster(edited, values.output!, { format, overwrite: values.overwrite === true });
    return { input, output: written.path, family: fam.id, attributes, pixelLoss, region: session.region, psnr: round(session.psnr, 2), ssim: round(session.ssim), ms: Math.round(session.ms) };
  });
  progress.end();
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${summary.output}: edited ${Object.entries(attributes).map(([n, a]) => `${n}=${a}`).join(', ')} (inversion PSNR ${summary.psnr} dB)\n`);
  return EXIT_OK;
}
