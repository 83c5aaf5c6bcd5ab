import { parseArgs } from 'node:util';
import { strokeSchema } from '../../../preload/contract/latent-schemas';
import type { Stroke } from '../../../preload/contract/latent';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import type { RasterImage } from '../../engine/io/raster';
import { applyEdit } from '../../engine/ops/latent/apply-edit';
import { constrainSession } from '../../engine/ops/latent/constrain-job';
import { invertToSession } from '../../engine/ops/latent/invert-job';
import { learnAttribute } from '../../engine/ops/latent/learn';
import { ATTRIBUTE_NAME, removeUserAttribute, userAttributesPath } from '../../engine/ops/latent/attributes';
import { type CliIo, EXIT_OK, parseNumber, parseOrUsage, UsageError, writeJson } from '../args';
import { parseMethod, withCliSession } from './latent-invert';
import { checkDistinctSets, checkNewAttribute } from './latent-attrs';
import { checkRegion, checkStrokes } from './latent-bounds';
import { FAMILY_OPTIONS, oneInput, openFamily, parseRegion, PROGRESS_OPTION, round, WRITE_OPTIONS } from './latent-common';
import { imagesIn, readJsonFile } from './latent-files';
import { CONSTRAIN_HELP, FORGET_HELP, LEARN_HELP } from './latent-help';
import { checkOutputs, imageFormat } from './latent-output';
import { latentProgress } from './latent-progress';

const learnOptions = { ...FAMILY_OPTIONS, ...PROGRESS_OPTION, name: { type: 'string' }, pos: { type: 'string' }, neg: { type: 'string' }, method: { type: 'string', default: 'encoder' }, overwrite: { type: 'boolean' } } as const;
const forgetOptions = { ...FAMILY_OPTIONS, name: { type: 'string' } } as const;
const constrainOptions = {
  ...FAMILY_OPTIONS, ...WRITE_OPTIONS, ...PROGRESS_OPTION,
  strokes: { type: 'string' }, region: { type: 'string' }, method: { type: 'string', default: 'hybrid' },
  candidates: { type: 'string' }, iterations: { type: 'string' }, 'stay-close': { type: 'string' }, realism: { type: 'string' },
} as const;

export async function runLearnAttribute(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOrUsage(() => parseArgs({ args, options: learnOptions, strict: true }));
  if (values.help) {
    io.stdout.write(LEARN_HELP);
    return EXIT_OK;
  }
  const name = attributeName(values.name);
  if (!values.pos || !values.neg) throw new UsageError('give --pos DIR and --neg DIR');
  const method = parseMethod(values.method);
  const [pos, neg] = [await imagesIn(values.pos, '--pos'), await imagesIn(values.neg, '--neg')];
  await checkDistinctSets(pos, neg);
  const fam = await openFamily(values.model);
  await checkNewAttribute(fam, name, values.overwrite === true);
  const images = new Map<string, RasterImage>();
  const ids = async (paths: string[], tag: string): Promise<string[]> => Promise.all(paths.map(async (p, i) => (images.set(`${tag}${i}`, await decodeImageFile(p)), `${tag}${i}`)));
  const ctx = latentProgress(io.stderr, values.progress);
  const spec = { op: 'learnAttribute' as const, family: fam.id, name, positives: await ids(pos, 'p'), negatives: await ids(neg, 'n'), method };
  const result = await learnAttribute(spec, ctx, async (id) => images.get(id)!);
  ctx.end();
  const summary = { ...result, file: userAttributesPath(fam.id) };
  if (values.json) writeJson(io, summary);
  else io.stdout.write(`${name}: learned from ${pos.length} + ${neg.length} images, saved in ${summary.file}\n`);
  return EXIT_OK;
}

export async function runForgetAttribute(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOrUsage(() => parseArgs({ args, options: forgetOptions, strict: true }));
  if (values.help) {
    io.stdout.write(FORGET_HELP);
    return EXIT_OK;
  }
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
  const parsed = strokeSchema.array().min(1).safeParse(await readJsonFile(path));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    throw new UsageError(`${path} is not a stroke list${where}: ${issue?.message ?? 'see the README'}`);
  }
  return parsed.data as Stroke[];
}

export async function runConstrain(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options: constrainOptions, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(CONSTRAIN_HELP);
    return EXIT_OK;
  }
  const input = oneInput(positionals);
  if (!values.strokes) throw new UsageError('missing --strokes <strokes.json>');
  if (!values.output) throw new UsageError('missing -o <output>');
  const output = values.output;
  const method = parseMethod(values.method);
  const num = (v: string | undefined, flag: string, max: number, integer = false) => parseNumber(v, flag, { min: integer ? 1 : 0, max, integer });
  const tuning = {
    ...optional('candidates', num(values.candidates, '--candidates', 16, true)),
    ...optional('iterations', num(values.iterations, '--iterations', 2000, true)),
    ...optional('stayClose', num(values['stay-close'], '--stay-close', 1000)),
    ...optional('realism', num(values.realism, '--realism', 100)),
  };
  const region = parseRegion(values.region);
  const overwrite = values.overwrite === true;
  await checkOutputs([{ flag: '-o', path: output, image: true }], [input, values.strokes], overwrite);
  const strokes = await readStrokes(values.strokes);
  const fam = await openFamily(values.model);
  const photo = await decodeImageFile(input);
  checkRegion(photo, region, input);
  checkStrokes(photo, strokes, values.strokes, input);
  const ctx = latentProgress(io.stderr, values.progress);
  const summary = await withCliSession(async (sessions) => {
    const inverted = await invertToSession({ op: 'invert', imageId: 'cli', family: fam.id, method, ...(region ? { region } : {}) }, photo, ctx, sessions);
    const before = await sessions.get(inverted.sessionId);
    ctx.phase('constrain');
    const result = await constrainSession({ op: 'constrain', sessionId: inverted.sessionId, strokes, ...tuning }, ctx, sessions);
    const edited = await applyEdit({ op: 'applyEdit', sessionId: inverted.sessionId, attributes: {}, useConstrained: true }, ctx, async () => photo, sessions);
    const written = await exportRaster(edited, output, { format: imageFormat(output), overwrite });
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
