import { parseArgs } from 'node:util';
import type { InversionMethod, PixelLoss } from '../../../preload/contract/latent';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import { makeTempDir, removeTempDir } from '../../engine/io/temp-dirs';
import { applyEdit } from '../../engine/ops/latent/apply-edit';
import { invertImages } from '../../engine/ops/latent/invert';
import { domainQuality, invertToSession } from '../../engine/ops/latent/invert-job';
import { LatentSessionStore } from '../../engine/ops/latent/sessions';
import { type CliIo, EXIT_OK, parseNumber, parseOrUsage, UsageError, writeJson } from '../args';
import { checkAttributeNames, parseAttributes } from './latent-attrs';
import { checkRegion } from './latent-bounds';
import { FAMILY_OPTIONS, oneInput, openFamily, parseRegion, PROGRESS_OPTION, readDomainImage, round, WRITE_OPTIONS, writeDomain } from './latent-common';
import { EDIT_HELP, INVERT_HELP } from './latent-help';
import { checkOutputs, imageFormat, targets, writeLatentFile } from './latent-output';
import { latentProgress } from './latent-progress';

const inversionOptions = {
  ...FAMILY_OPTIONS, ...WRITE_OPTIONS, ...PROGRESS_OPTION,
  method: { type: 'string', default: 'hybrid' }, region: { type: 'string' }, iterations: { type: 'string' }, starts: { type: 'string' }, 'pixel-loss': { type: 'string', default: 'l2' },
} as const;
const invertOptions = { ...inversionOptions, 'z-out': { type: 'string' } } as const;
const editOptions = { ...inversionOptions, attr: { type: 'string', multiple: true } } as const;

export function parseMethod(value: string): InversionMethod {
  if (value === 'optimize' || value === 'encoder' || value === 'hybrid') return value;
  throw new UsageError(`--method must be optimize, encoder or hybrid, not "${value}"`);
}

export function parsePixelLoss(value: string): PixelLoss {
  if (value === 'l2' || value === 'l1') return value;
  throw new UsageError(`--pixel-loss must be l2 or l1, not "${value}"`);
}

/** The optimiser's flags; the encoder is one pass and has none, so giving them is a mistake, not a no-op. */
function inversionTuning(values: { method: string; iterations?: string; starts?: string; 'pixel-loss': string }) {
  const method = parseMethod(values.method);
  const iterations = parseNumber(values.iterations, '--iterations', { min: 1, max: 5000, integer: true });
  const starts = parseNumber(values.starts, '--starts', { min: 1, max: 16, integer: true });
  if (method === 'encoder' && (iterations !== undefined || starts !== undefined)) throw new UsageError('--iterations and --starts tune optimize and hybrid; encoder is one pass');
  return { method, pixelLoss: parsePixelLoss(values['pixel-loss']), ...(iterations === undefined ? {} : { iterations }), ...(starts === undefined ? {} : { starts }) };
}

export async function runInvert(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: invertOptions, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(INVERT_HELP);
    return EXIT_OK;
  }
  const input = oneInput(positionals);
  const tuning = inversionTuning(values);
  const region = parseRegion(values.region);
  const overwrite = values.overwrite === true;
  await checkOutputs(targets([{ flag: '-o', path: values.output, image: true }, { flag: '--z-out', path: values['z-out'], image: false }]), [input], overwrite);
  const fam = await openFamily(values.model);
  const { values: target, mapping } = await readDomainImage(input, fam, region);
  const progress = latentProgress(io.stderr, values.progress);
  const result = await invertImages(fam, target, 1, { ...tuning, onStep: (k, n) => progress.progress(k / n, 'invert') });
  progress.end();
  const quality = domainQuality(fam, result.recon, target);
  const z = Array.from(result.z, (v) => round(v, 5));
  const output = values.output ? await writeDomain(values.output, fam, result.recon, mapping.polarity === 'inverted', overwrite) : undefined;
  const zOut = values['z-out'] ? await writeLatentFile(values['z-out'], z, overwrite) : undefined;
  const summary = { input, family: fam.id, method: tuning.method, pixelLoss: tuning.pixelLoss, region: mapping.region, polarity: mapping.polarity, psnr: round(quality.psnr, 2), ssim: round(quality.ssim), iterations: result.iterations, ms: Math.round(result.ms), output, zOut, z };
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${input}: ${tuning.method}, PSNR ${summary.psnr} dB, SSIM ${summary.ssim}, ${summary.iterations} iterations, ${summary.ms} ms\n`);
  return EXIT_OK;
}

/** A throwaway session store and photo for one CLI run: the same engine code as the app's jobs. */
export async function withCliSession<T>(fn: (sessions: LatentSessionStore) => Promise<T>): Promise<T> {
  const dir = makeTempDir('latentshop-cli-');
  try {
    return await fn(new LatentSessionStore(dir));
  } finally {
    removeTempDir(dir);
  }
}

export async function runEdit(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: editOptions, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(EDIT_HELP);
    return EXIT_OK;
  }
  const input = oneInput(positionals);
  const attributes = parseAttributes(values.attr ?? []);
  if (Object.keys(attributes).length === 0) throw new UsageError('give at least one --attr NAME=ALPHA');
  if (!values.output) throw new UsageError('missing -o <output>');
  const output = values.output;
  const tuning = inversionTuning(values);
  const region = parseRegion(values.region);
  const overwrite = values.overwrite === true;
  await checkOutputs([{ flag: '-o', path: output, image: true }], [input], overwrite);
  const fam = await openFamily(values.model);
  await checkAttributeNames(fam, attributes);
  const photo = await decodeImageFile(input);
  checkRegion(photo, region, input);
  const ctx = latentProgress(io.stderr, values.progress);
  const summary = await withCliSession(async (sessions) => {
    const spec = { op: 'invert' as const, imageId: 'cli', family: fam.id, ...tuning, ...(region ? { region } : {}) };
    const session = await invertToSession(spec, photo, ctx, sessions);
    const edited = await applyEdit({ op: 'applyEdit', sessionId: session.sessionId, attributes }, ctx, async () => photo, sessions);
    const written = await exportRaster(edited, output, { format: imageFormat(output), overwrite });
    return { input, output: written.path, family: fam.id, attributes, pixelLoss: tuning.pixelLoss, region: session.region, psnr: round(session.psnr, 2), ssim: round(session.ssim), ms: Math.round(session.ms) };
  });
  ctx.end();
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${summary.output}: edited ${Object.entries(attributes).map(([n, a]) => `${n}=${a}`).join(', ')} (inversion PSNR ${summary.psnr} dB)\n`);
  return EXIT_OK;
}
