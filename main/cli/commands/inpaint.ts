import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { InpaintMethod } from '../../../preload/contract/types';
import { type BatchExecutor, inProcessExecutor, queueExecutor } from '../../batch/executor';
import { expandPaths } from '../../batch/expand';
import { planBatch, type PlanOptions } from '../../batch/plan';
import { buildReport } from '../../batch/report';
import { BatchRunner } from '../../batch/runner';
import { selectBackend } from '../../engine/backend/select';
import { EngineHost } from '../../engine/host/engine-host';
import { engineEntry } from '../../engine/host/entry';
import { JobQueue } from '../../engine/host/job-queue';
import { forkSpawner } from '../../engine/host/spawner';
import { makeTempDir, removeTempDir } from '../../engine/io/temp-dirs';
import { type CliIo, EXIT_FAILED, EXIT_OK, parseNumber, parseOrUsage, printFailure, UsageError, writeJson } from '../args';

export const INPAINT_HELP = `Usage: latentshop inpaint <input…|folder> (--mask M | --mask-suffix S) -o <folder> [options]

Fills the masked pixels of each image and writes <name>.inpainted.<ext> into the output
folder, keeping metadata; originals are never replaced. Masks pair by name: photo.jpg
goes with photo.mask.png beside it (a file named on its own finds its mask there too).
Running the same command again keeps finished outputs as they are, and says so: delete an
output to redo it with another mask or method.

Options:
  -m, --mask FILE         One mask for every image (white or opaque = hole)
      --mask-suffix S     Mask name suffix for pairing (default .mask.png)
      --method M          fill (content-aware, default), model (an installed inpainter)
                          or gan (GAN completion, for images in a GAN family's domain)
      --model NAME        Which inpainter network or family, for --method model
      --family ID         Which GAN family, for --method gan (default fashion)
  -o, --output FOLDER     Where results go (required)
      --workers N         Engine processes in parallel, 1 to 16 (default 1: in this process)
      --seed N            Seed of the content-aware fill, or of gan's latent starts
      --json              Print the report as JSON on stdout
      --progress          Show progress on stderr even when it is not a terminal
  -h, --help              Show this help
Exit codes: 0 all done, 1 any file failed, 2 bad usage.
`;

const options = {
  mask: { type: 'string', short: 'm' },
  'mask-suffix': { type: 'string' },
  method: { type: 'string', default: 'fill' },
  model: { type: 'string' },
  family: { type: 'string' },
  output: { type: 'string', short: 'o' },
  workers: { type: 'string' },
  seed: { type: 'string' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runInpaint(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOrUsage(() => parseArgs({ args, options, allowPositionals: true, strict: true }));
  if (values.help) {
    io.stdout.write(INPAINT_HELP);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError('missing the input files or folder');
  if (values.output === undefined) throw new UsageError('missing -o <output folder>');
  if (values.mask !== undefined && values['mask-suffix'] !== undefined) throw new UsageError('give --mask or --mask-suffix, not both');
  const method = values.method;
  if (method !== 'fill' && method !== 'model' && method !== 'gan') throw new UsageError(`--method must be fill, model or gan, not "${method}"`);
  if (values.family !== undefined && method !== 'gan') throw new UsageError('--family is for --method gan');
  if (values.family !== undefined && values.model !== undefined) throw new UsageError('give --family or --model, not both');
  const workers = parseNumber(values.workers, '--workers', { min: 1, max: 16, integer: true }) ?? 1;
  const seed = parseNumber(values.seed, '--seed', { min: 0, max: 2 ** 32 - 1, integer: true });
  const plan: PlanOptions = { method: method satisfies InpaintMethod, names: 'resume' };
  if (values.mask !== undefined) plan.sharedMask = resolve(values.mask);
  if (values['mask-suffix'] !== undefined) plan.maskSuffix = values['mask-suffix'];
  // The job spec's `model` names the network for 'model' and the GAN family for 'gan'.
  const model = values.family ?? values.model;
  if (model !== undefined) plan.model = model;
  if (seed !== undefined) plan.seed = seed;

  const showProgress = values.progress === true || io.stderr.isTTY === true;
  let pool: { executor: BatchExecutor; close(): Promise<void> } | undefined;
  try {
    const record = await planBatch(await expandPaths(positionals.map((p) => resolve(p)), plan.maskSuffix), resolve(values.output), plan);
    pool = await createPool(workers, method !== 'fill');
    const runner = new BatchRunner(pool.executor);
    let reported = 0;
    runner.on('progress', (s) => {
      if (!showProgress || s.done + s.failed === reported) return;
      reported = s.done + s.failed;
      io.stderr.write(`${reported}/${s.total} files (${s.failed} failed)\n`);
    });
    await runner.start(record);
    const status = await runner.whenFinished(record.batchId);
    const report = buildReport({ ...record, state: status.state });
    if (values.json) writeJson(io, report);
    else {
      for (const item of report.outputs) io.stdout.write(`${item.output}${item.kept ? ' (already there: kept, not redone; delete it to redo)' : ''}\n`);
      for (const f of report.failures) io.stderr.write(`latentshop: ${f.input}: ${f.message}\n`);
      const kept = report.kept > 0 ? ` (${report.kept} already there, kept)` : '';
      io.stdout.write(`${report.done} of ${report.total} done${kept}, ${report.failed} failed\n`);
    }
    return report.failed > 0 ? EXIT_FAILED : EXIT_OK;
  } catch (error) {
    return printFailure(io, error);
  } finally {
    await pool?.close();
  }
}

/** One worker runs here; more fork engine processes and share the files out, as the app does. */
async function createPool(workers: number, needsTf: boolean): Promise<{ executor: BatchExecutor; close(): Promise<void> }> {
  if (workers === 1) {
    if (needsTf) await selectBackend();
    return { executor: inProcessExecutor(), close: async () => undefined };
  }
  const cacheDir = makeTempDir('latentshop-cli-');
  const spawn = forkSpawner(engineEntry({ ...process.env, LATENTSHOP_CACHE_DIR: cacheDir }));
  const hosts = Array.from({ length: workers }, () => new EngineHost(spawn));
  const executor = queueExecutor(new JobQueue(hosts), workers);
  return {
    executor,
    close: async () => {
      hosts.forEach((h) => h.stop());
      removeTempDir(cacheDir);
    },
  };
}
