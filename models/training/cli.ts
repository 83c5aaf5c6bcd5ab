/**
 * `npm run train -- gan|encoder|classifier|attributes [--steps N] [--seed S] [--batch B]
 *   [--out models/fashion] [--resume] [--data DIR] [--calibrate-on hybrid|encoder] [--only sleeves]`
 * Runs on the wasm backend (one core) with our Conv2D gradient kernels.
 */
import * as tf from '@tensorflow/tfjs';
import '../kernels/wasm-conv2d-backprop-filter.js';
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, loadFashion } from './data.js';
import { formatDuration } from './progress.js';

const TASKS = ['gan', 'encoder', 'classifier', 'attributes'] as const;
type Task = (typeof TASKS)[number];

const DEFAULT_STEPS: Record<Task, number> = { gan: 3000, encoder: 1500, classifier: 2500, attributes: 0 };

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      steps: { type: 'string' }, seed: { type: 'string', default: '1' }, batch: { type: 'string' },
      out: { type: 'string', default: 'models/fashion' }, resume: { type: 'boolean', default: false },
      data: { type: 'string', default: DEFAULT_DATA_DIR }, backend: { type: 'string', default: 'wasm' },
      limit: { type: 'string' },
      // attributes: whose codes add a third estimate and choose each vector and strength; hybrid is the Edit panel's default.
      'calibrate-on': { type: 'string', default: 'hybrid' },
      // attributes: rebuild one entry of an existing attributes.json (only `sleeves` so far).
      only: { type: 'string' },
    },
  });
  const task = positionals[0] as Task | undefined;
  if (!task || !TASKS.includes(task)) throw new Error(`usage: train ${TASKS.join('|')} [--steps N] [--seed S] …`);
  await tf.setBackend(values.backend);
  await tf.ready();
  const steps = values.steps ? Number(values.steps) : DEFAULT_STEPS[task];
  const common = { steps, seed: Number(values.seed), outDir: values.out, resume: values.resume,
    batch: values.batch ? Number(values.batch) : undefined };
  const limit = values.limit ? Number(values.limit) : Infinity;
  const train = loadFashion('train', values.data, limit);
  process.stderr.write(`[${task}] backend=${tf.getBackend()} train=${train.count} steps=${steps} seed=${common.seed}\n`);
  let result: object;
  if (task === 'attributes') {
    // Not training: directions from the trained nets (see attributes-task.ts); --steps is unused.
    const { runAttributesTask, runSleevesTask } = await import('./attributes-task.js');
    const on = values['calibrate-on'];
    if (on !== 'hybrid' && on !== 'encoder') throw new Error(`--calibrate-on must be hybrid or encoder, not "${on}"`);
    const calibration = on === 'hybrid' ? await (await import('./hybrid-calibration.js')).hybridCalibration(values.out) : undefined;
    if (values.only !== undefined && values.only !== 'sleeves') throw new Error(`--only must be sleeves, not "${values.only}"`);
    result = values.only
      ? await runSleevesTask(train, { outDir: values.out, calibration })
      : await runAttributesTask(train, { outDir: values.out, seed: common.seed, calibration });
  } else if (task === 'gan') {
    const { trainGan } = await import('./train-gan.js');
    result = await trainGan(train, common);
  } else if (task === 'encoder') {
    const { trainEncoder } = await import('./train-encoder.js');
    result = await trainEncoder(train, common);
  } else {
    const { trainClassifier } = await import('./train-classifier.js');
    result = await trainClassifier(train, loadFashion('t10k', values.data), common);
  }
  const ms = (result as { elapsedMs?: number }).elapsedMs ?? 0;
  process.stderr.write(`[${task}] done in ${formatDuration(ms / 1000)}\n`);
  process.stdout.write(`${JSON.stringify({ task, ...result })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
