import { parseArgs } from 'node:util';
import { domainBytes, gridBytes } from '../../engine/ops/latent/codec';
import { generateValues } from '../../engine/ops/latent/invert';
import { classify, discriminate, encode, sampleGrid } from '../../engine/ops/latent/sample';
import { type CliIo, EXIT_OK, parseNumber, parseOrUsage, UsageError, writeJson } from '../args';
import { FAMILY_OPTIONS, oneInput, openFamily, parseRegion, readDomainImage, readLatents, round, WRITE_OPTIONS, writeRaw } from './latent-common';
import { MODEL_HELP } from './latent-help';
import { checkOutputs, targets, writeLatentFile } from './latent-output';

type Sub = 'sample' | 'generate' | 'discriminate' | 'encode' | 'classify';

const region = { region: { type: 'string' } } as const;

/** Each command's own flags: one that a command would ignore is refused by parseArgs (strict). */
const OPTIONS = {
  sample: { ...FAMILY_OPTIONS, ...WRITE_OPTIONS, count: { type: 'string', short: 'n' }, seed: { type: 'string' } },
  generate: { ...FAMILY_OPTIONS, ...WRITE_OPTIONS, z: { type: 'string' } },
  discriminate: { ...FAMILY_OPTIONS, ...region },
  encode: { ...FAMILY_OPTIONS, ...region, 'z-out': { type: 'string' }, overwrite: { type: 'boolean' } },
  classify: { ...FAMILY_OPTIONS, ...region, top: { type: 'string' } },
} as const;

interface Values {
  model: string;
  json?: boolean;
  help?: boolean;
  output?: string;
  overwrite?: boolean;
  count?: string;
  seed?: string;
  z?: string;
  region?: string;
  'z-out'?: string;
  top?: string;
}

/** parseArgs per command (spelled out so each keeps its typed values); only the image commands take positionals. */
function parseFor(sub: Sub, args: string[]): { values: Values; positionals: string[] } {
  switch (sub) {
    case 'sample': return parseArgs({ args, options: OPTIONS.sample, strict: true });
    case 'generate': return parseArgs({ args, options: OPTIONS.generate, strict: true });
    case 'discriminate': return parseArgs({ args, options: OPTIONS.discriminate, allowPositionals: true, strict: true });
    case 'encode': return parseArgs({ args, options: OPTIONS.encode, allowPositionals: true, strict: true });
    case 'classify': return parseArgs({ args, options: OPTIONS.classify, allowPositionals: true, strict: true });
  }
}

/** One runner for the five model commands: they differ in their flags and the net they call. */
export function latentModelCommand(sub: Sub) {
  return async (args: string[], io: CliIo): Promise<number> => {
    const takesImages = sub === 'discriminate' || sub === 'encode' || sub === 'classify';
    const parsed = parseOrUsage(() => parseFor(sub, args));
    const values = parsed.values;
    if (values.help) {
      io.stdout.write(MODEL_HELP[sub]);
      return EXIT_OK;
    }
    const inputs = sub === 'encode' ? [oneInput(parsed.positionals)] : parsed.positionals;
    if (takesImages && inputs.length === 0) throw new UsageError('missing the input image');
    if ((sub === 'sample' || sub === 'generate') && values.output === undefined) throw new UsageError('missing -o <output>');
    if (sub === 'generate' && values.z === undefined) throw new UsageError('missing --z <z.json>');
    // Flags and outputs first: a mistake must say so before any model loads.
    const count = parseNumber(values.count, '-n', { min: 1, max: 256, integer: true }) ?? 16;
    const seed = parseNumber(values.seed, '--seed', { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 1;
    const top = parseNumber(values.top, '--top', { min: 1, max: 100, integer: true }) ?? 3;
    const rect = parseRegion(values.region);
    const overwrite = values.overwrite === true;
    await checkOutputs(targets([{ flag: '-o', path: values.output, image: true }, { flag: '--z-out', path: values['z-out'], image: false }]), [...inputs, ...(values.z ? [values.z] : [])], overwrite);
    const fam = await openFamily(values.model);
    const px = fam.domain.width * fam.domain.height * fam.domain.channels;
    if (sub === 'sample') {
      const { images, latents } = await sampleGrid(fam, count, seed);
      const grid = count === 1 ? domainBytes(images, fam.domain) : gridBytes(images, count, fam.domain);
      const output = await writeRaw(values.output!, grid, overwrite);
      return report(io, values.json, { family: fam.id, count, seed, output, latents: latents.map((z) => z.map((v) => round(v, 5))) }, `${output}: ${count} samples\n`);
    }
    if (sub === 'generate') {
      const z = await readLatents(values.z!, fam.latentSize);
      const n = z.length / fam.latentSize;
      const images = generateValues(fam, z, n);
      const grid = n === 1 ? domainBytes(images, fam.domain) : gridBytes(images, n, fam.domain);
      const output = await writeRaw(values.output!, grid, overwrite);
      return report(io, values.json, { family: fam.id, count: n, output }, `${output}: ${n} image(s)\n`);
    }
    const read = await Promise.all(inputs.map((p) => readDomainImage(p, fam, rect)));
    const stacked = new Float32Array(read.length * px);
    read.forEach((input, i) => stacked.set(input.values, i * px));
    if (sub === 'discriminate') {
      const scores = discriminate(fam, stacked, read.length);
      const rows = inputs.map((file, i) => ({ file, logit: round(scores[i] ?? 0) }));
      return report(io, values.json, { family: fam.id, images: rows }, rows.map((r) => `${r.file}: D = ${r.logit}\n`).join(''));
    }
    if (sub === 'encode') {
      const z = Array.from(encode(fam, stacked.subarray(0, px), 1), (v) => round(v, 5));
      const zOut = values['z-out'] ? await writeLatentFile(values['z-out'], z, overwrite) : undefined;
      return report(io, values.json, { family: fam.id, file: inputs[0], region: read[0]!.mapping.region, zOut, z }, `${JSON.stringify(z)}\n`);
    }
    const results = classify(fam, stacked, read.length, top).map((labels, i) => ({ file: inputs[i], region: read[i]!.mapping.region, polarity: read[i]!.mapping.polarity, labels: labels.map((l) => ({ ...l, probability: round(l.probability) })) }));
    return report(io, values.json, { family: fam.id, images: results }, results.map((r) => `${r.file}: ${r.labels.map((l) => `${l.label} ${(l.probability * 100).toFixed(1)}%`).join(', ')}\n`).join(''));
  };
}

function report(io: CliIo, json: boolean | undefined, value: object, text: string): number {
  if (json) writeJson(io, value);
  else io.stdout.write(text);
  return EXIT_OK;
}
