import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import packageJson from '../../../package.json' with { type: 'json' };
import type { EngineInfo } from '../../../preload/contract/types';
import { selectBackend } from '../../engine/backend/select';
import { listInstalledFamilies } from '../../engine/models-root';
import { type CliIo, EXIT_OK, parseOrUsage, writeJson } from '../args';

export const INFO_HELP = `Usage: latentshop info [--json]

Shows the compute backend the engine chose (and why), versions, and installed model families.

Options:
  --json      Print the information as JSON on stdout
  -h, --help  Show this help
`;

export async function runInfo(args: string[], io: CliIo): Promise<number> {
  const { values } = parseOrUsage(() =>
    parseArgs({ args, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }, strict: true }),
  );
  if (values.help) {
    io.stdout.write(INFO_HELP);
    return EXIT_OK;
  }
  const info = await engineInfo();
  if (values.json) writeJson(io, info);
  else io.stdout.write(describe(info));
  return EXIT_OK;
}

/** The same facts the app's info() reports, gathered in-process. */
export async function engineInfo(): Promise<EngineInfo> {
  const backend = await selectBackend();
  return {
    backend,
    versions: { app: packageJson.version, tfjs: tf.version.tfjs, node: process.versions.node, sharp: sharp.versions.sharp ?? 'unknown' },
    models: await listInstalledFamilies(),
    mode: 'cli',
  };
}

function describe(info: EngineInfo): string {
  const { backend, versions, models } = info;
  const simd = backend.simd === undefined ? '' : backend.simd ? ', SIMD' : ', no SIMD';
  const lines = [
    `Latentshop ${versions.app}`,
    `Backend:  ${backend.name}${simd} (${backend.reason})`,
    `Versions: node ${versions.node}, tfjs ${versions.tfjs}, sharp ${versions.sharp}`,
    models.length === 0 ? 'Models:   none installed' : `Models:   ${models.map((m) => `${m.id} (${m.roles.join(', ')})`).join('; ')}`,
  ];
  return `${lines.join('\n')}\n`;
}
