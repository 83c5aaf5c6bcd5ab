import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { domainBytes, gridBytes } from '../../engine/ops/latent/codec';
import { generateValues } from '../../engine/ops/latent/invert';
import { classify, discriminate, encode, sampleGrid } from '../../engine/ops/latent/sample';
import { type CliIo, EXIT_OK, parseNumber, parseOrUsage, UsageError, writeJson } from '../args';
import { latentOptions, openFamily, readDomainImage, readLatents, round, writeRaw } from './latent-common';

export const LATENT_MODELS_HELP = `Usage:
  latentshop sample [-n N] [--seed S] -o grid.png [--json]     N samples (1–256) from seeds S…S+N−1
  latentshop generate --z z.json -o out.png [--json]           G(z) for one code or an array of codes
  latentshop discriminate <image…> [--json]                    D's logit per image (higher = more real)
  latentshop encode <image> [--z-out z.json] [--json]          E's code for an image
  latentshop classify <image…> [--top K] [--json]              C's top-K labels per image

Options: -m, --model FAMILY (default fashion), --region x,y,w,h (image commands), --overwrite, -h, --help
`;

const options = { ...latentOptions, count: { type: 'string', short: 'n' }, seed: { type: 'string' }, z: { type: 'string' }, 'z-out': { type: 'string' }, top: { type: 'string' } } as const;

type Sub = 'sample' | 'generate' | 'discriminate' | 'encode' | 'classify';

/** One runner for the five model commands: they share flags and differ only in the net they call. */
export function latentModelCommand(sub: Sub) {
  return async (args: string[], io: CliIo): Promise<number> => {
    const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
    if (values.help) {
      io.stdout.write(LATENT_MODELS_HELP);
      return EXIT_OK;
    }
    const needsImages = sub === 'discriminate' || sub === 'encode' || sub === 'classify';
    if (needsImages && positionals.length === 0) throw new UsageError('missing the input image');
    if ((sub === 'sample' || sub === 'generate') && values.output === undefined) throw new UsageError('missing -o <output>');
    if (sub === 'generate' && values.z === undefined) throw new UsageError('missing --z <z.json>');
    // Flags first: a usage mistake must say so (exit 2) before any model loads.
    const count = parseNumber(values.count, '-n', { min: 1, max: 256, integer: true }) ?? 16;
    const seed = parseNumber(values.seed, '--seed', { min: 0, max: 2 ** 32 - 1, integer: true }) ?? 1;
    const top = parseNumber(values.top, '--top', { min: 1, max: 100, integer: true }) ?? 3;
    const fam = await openFamily(values.model);
    const px = fam.domain.width * fam.domain.height * fam.domain.channels;
    const overwrite = values.overwrite === true;
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
    const inputs = await Promise.all(positionals.map((p) => readDomainImage(p, fam)));
    const stacked = new Float32Array(inputs.length * px);
    inputs.forEach((input, i) => stacked.set(input.values, i * px));
    if (sub === 'discriminate') {
      const scores = discriminate(fam, stacked, inputs.length);
      const rows = positionals.map((file, i) => ({ file, logit: round(scores[i] ?? 0) }));
      return report(io, values.json, { family: fam.id, images: rows }, rows.map((r) => `${r.file}: D = ${r.logit}\n`).join(''));
    }
    if (sub === 'encode') {
      const z = Array.from(encode(fam, stacked.subarray(0, px), 1), (v) => round(v, 5));
      if (values['z-out']) await writeFile(values['z-out'], `${JSON.stringify(z)}\n`);
      return report(io, values.json, { family: fam.id, file: positionals[0], z }, `${JSON.stringify(z)}\n`);
    }
    const results = classify(fam, stacked, inputs.length, top).map((labels, i) => ({ file: positionals[i], polarity: inputs[i]!.mapping.polarity, labels: labels.map((l) => ({ ...l, probability: round(l.probability) })) }));
    return report(io, values.json, { family: fam.id, images: results }, results.map((r) => `${r.file}: ${r.labels.map((l) => `${l.label} ${(l.probability * 100).toFixed(1)}%`).join(', ')}\n`).join(''));
  };
}

function report(io: CliIo, json: boolean | undefined, value: object, text: string): number {
  if (json) writeJson(io, value);
  else io.stdout.write(text);
  return EXIT_OK;
}
