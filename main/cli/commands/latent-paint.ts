import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { strokeSchema } from '../../../preload/contract/latent-schemas';
import type { Stroke } from '../../../preload/contract/latent';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import type { RasterImage } from '../../engine/io/raster';
import type { OpContext } from '../../engine/ops/context';
import { applyEdit } from '../../engine/ops/latent/apply-edit';
import { constrainSession } from '../../engine/ops/latent/constrain-job';
import { invertToSession } from '../../engine/ops/latent/invert-job';
import { learnAttribute } from '../../engine/ops/latent/learn';
import { ATTRIBUTE_NAME, removeUserAttribute, userAttributesPath } from '../../engine/ops/latent/attributes';
import { type CliIo, EXIT_OK, parseNumber, parseOrUsage, UsageError, writeJson } from '../args';
import { createProgress } from '../progress';
import { parseMethod, withCliSession } from './latent-invert';
import { latentOptions, openFamily, outputFormat, parseRegion, round } from './latent-common';

export const PAINT_HELP = `Usage:
  latentshop learn-attribute --name NAME --pos DIR --neg DIR [--method encoder|hybrid|optimize] [--json]
  latentshop forget-attribute --name NAME [--json]
  latentshop constrain <image> --strokes strokes.json -o out.png [--region x,y,w,h] [--candidates K]
                       [--iterations N] [--stay-close λ1] [--realism λ2] [--json]

learn-attribute stores mean z(pos) − mean z(neg) as NAME in your attributes (LATENTSHOP_STATE_DIR
or ~/.config/latentshop/attributes/<family>.json); forget-attribute deletes a learned one from
there (built-in attributes stay). constrain follows colour and sketch strokes
(a JSON array of Stroke: {kind, colour?, size, points:[{x,y}]} in photo pixels; see README).

Options: -m, --model FAMILY (default fashion), --overwrite, --progress, -h, --help
`;

const options = {
  ...latentOptions,
  name: { type: 'string' }, pos: { type: 'string' }, neg: { type: 'string' }, method: { type: 'string' },
  strokes: { type: 'string' }, region: { type: 'string' }, candidates: { type: 'string' }, iterations: { type: 'string' },
  'stay-close': { type: 'string' }, realism: { type: 'string' },
} as const;

const IMAGE_EXT = new Set(['.png', '.jpg', '.jpeg', '.webp', '.tif', '.tiff']);

async function imagesIn(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => IMAGE_EXT.has(extname(n).toLowerCase())).sort();
  if (names.length === 0) throw new UsageError(`${dir} holds no images`);
  return names.map((n) => join(dir, n));
}

function context(io: CliIo, forced: boolean | undefined): OpContext & { end(): void } {
  const progress = createProgress(io.stderr, forced === true || io.stderr.isTTY === true);
  return { signal: new AbortController().signal, progress, end: () => progress.end() };
}

export async function runLearnAttribute(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOrUsage(() => parseArgs({ args, options, strict: true }));
  if (values.help) return void io.stdout.write(PAINT_HELP), EXIT_OK;
  const name = attributeName(values.name);
  if (!values.pos || !values.neg) throw new UsageError('give --pos DIR and --neg DIR');
  const [pos, neg] = [await imagesIn(values.pos), await imagesIn(values.neg)];
  const fam = await openFamily(values.model);
  const images = new Map<string, RasterImage>();
  const ids = async (paths: string[], tag: string): Promise<string[]> => Promise.all(paths.map(async (p, i) => (images.set(`${tag}${i}`, await decodeImageFile(p)), `${tag}${i}`)));
  const ctx = context(io, values.progress);
  const spec = { op: 'learnAttribute' as const, family: fam.id, name, positives: await ids(pos, 'p'), negatives: await ids(neg, 'n'), method: parseMethod(values.method ?? 'encoder') };
  const result = await learnAttribute(spec, ctx, async (id) => images.get(id)!);
  ctx.end();
  const summary = { ...result, file: userAttributesPath(fam.id) };
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${name}: learned from ${pos.length} + ${neg.length} images, saved in ${summary.file}\n`);
  return EXIT_OK;
}

export async function runForgetAttribute(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOrUsage(() => parseArgs({ args, options, strict: true }));
  if (values.help) return void io.stdout.write(PAINT_HELP), EXIT_OK;
  const name = attributeName(values.name);
  const fam = await openFamily(values.model);
  await removeUserAttribute(fam.id, fam.latentSize, name);
  const file = userAttributesPath(fam.id);
  if (values.json) writeJson(io, { removed: name, family: fam.id, file });
  else io.stdout.write(`${name}: removed from ${file}\n`);
  return EXIT_OK;
}

function attributeName(value: string | undefined): string {
  if (!value || !ATTRIBUTE_NAME.test(value)) throw new UsageError('--name must be lower-case letters, digits and dashes (at most 41)');
  return value;
}

async function readStrokes(path: string): Promise<Stroke[]> {
  const parsed = strokeSchema.array().min(1).safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new UsageError(`${path}: ${parsed.error.issues[0]?.message ?? 'not a stroke list'}`);
  return parsed.data as Stroke[];
}

export async function runConstrain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
  if (values.help) return void io.stdout.write(PAINT_HELP), EXIT_OK;
  const input = positionals[0];
  if (!input) throw new UsageError('missing the input image');
  if (!values.strokes) throw new UsageError('missing --strokes <strokes.json>');
  if (!values.output) throw new UsageError('missing -o <output>');
  const format = outputFormat(values.output);
  const strokes = await readStrokes(values.strokes);
  const num = (v: string | undefined, flag: string, max: number, integer = false) => parseNumber(v, flag, { min: integer ? 1 : 0, max, integer });
  const tuning = {
    ...optional('candidates', num(values.candidates, '--candidates', 16, true)),
    ...optional('iterations', num(values.iterations, '--iterations', 2000, true)),
    ...optional('stayClose', num(values['stay-close'], '--stay-close', 1000)),
    ...optional('realism', num(values.realism, '--realism', 100)),
  };
  const fam = await openFamily(values.model);
  const photo = await decodeImageFile(input);
  const region = parseRegion(values.region);
  const ctx = context(io, values.progress);
  const summary = await withCliSession(async (sessions) => {
    const inverted = await invertToSession({ op: 'invert', imageId: 'cli', family: fam.id, method: parseMethod(values.method ?? 'hybrid'), ...(region ? { region } : {}) }, photo, ctx, sessions);
    const before = await sessions.get(inverted.sessionId);
    const result = await constrainSession({ op: 'constrain', sessionId: inverted.sessionId, strokes, ...tuning }, ctx, sessions);
    const edited = await applyEdit({ op: 'applyEdit', sessionId: inverted.sessionId, attributes: {}, useConstrained: true }, ctx, async () => photo, sessions);
    const written = await exportRaster(edited, values.output!, { format, overwrite: values.overwrite === true });
    const best = result.candidates[0]!;
    const distance = Math.hypot(...best.z.map((v, j) => v - (before.z[j] ?? 0)));
    return {
      input, output: written.path, family: fam.id, region: inverted.region,
      constraintErrorBefore: round(result.constraintErrorBefore), constraintErrorAfter: round(best.constraintError),
      realism: round(best.realism), distanceFromZ0: round(distance), ms: Math.round(result.ms),
      candidates: result.candidates.map((c) => ({ constraintError: round(c.constraintError), realism: round(c.realism) })),
    };
  });
  ctx.end();
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${summary.output}: constraint error ${summary.constraintErrorBefore} → ${summary.constraintErrorAfter}, D ${summary.realism}, ${summary.ms} ms\n`);
  return EXIT_OK;
}

function optional<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}
