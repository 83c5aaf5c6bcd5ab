/**
 * Training-speed bench for the fashion GAN: N steps (batch 64) on wasm with
 * our Conv2D gradient kernels (models/kernels) vs the cpu backend, in the same
 * process. Stock wasm cannot train at all (no Conv2DBackpropFilter), so cpu is
 * the baseline the issue names. Also per-kernel times for the GAN's conv shapes.
 */
import * as tf from '@tensorflow/tfjs';
import '../models/kernels/wasm-conv2d-backprop-filter';
import { stockConv2DBackpropInput } from '../models/kernels/wasm-conv2d-backprop-input';
import { loadFashion } from '../models/training/data';
import { createGan, DEFAULT_GAN, ganStep } from '../models/training/gan';
import { Rng } from '../models/training/rng';

async function timeSteps(backend: string, steps: number, warmup: number): Promise<number> {
  await tf.setBackend(backend);
  const data = loadFashion('train', undefined, 2000);
  const rng = new Rng(1);
  const gan = createGan(DEFAULT_GAN, rng);
  for (let i = 0; i < warmup; i++) ganStep(gan, DEFAULT_GAN, data, rng);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) ganStep(gan, DEFAULT_GAN, data, rng);
  const seconds = (performance.now() - t0) / 1000 / steps;
  for (const m of [gan.G, gan.D, gan.Gema]) m.dispose();
  return seconds;
}

/** [x shape, filter shape, stride] of the convs whose gradients the GAN step needs. */
const SHAPES: [[number, number, number, number], [number, number, number, number], number][] = [
  [[64, 32, 32, 1], [4, 4, 1, 32], 2], [[64, 16, 16, 32], [4, 4, 32, 64], 2], [[64, 8, 8, 64], [4, 4, 64, 128], 2],
];

function timeKernel(name: string, inputs: Record<string, tf.Tensor>, attrs: Record<string, unknown>, reps: number): number {
  tf.tidy(() => { (tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor).dataSync(); });
  const t0 = performance.now();
  for (let i = 0; i < reps; i++) tf.tidy(() => { (tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor).dataSync(); });
  return (performance.now() - t0) / reps;
}

async function kernels(withCpu: boolean): Promise<Record<string, Record<string, number>>> {
  const out: Record<string, Record<string, number>> = {};
  for (const [xs, fs, s] of SHAPES) {
    const row: Record<string, number> = {};
    for (const backend of withCpu ? ['wasm', 'cpu'] : ['wasm']) {
      await tf.setBackend(backend);
      const x = tf.randomNormal(xs) as tf.Tensor4D;
      const f = tf.randomNormal(fs) as tf.Tensor4D;
      const dy = tf.randomNormal(tf.conv2d(x, f, s, 'same').shape);
      const common = { strides: s, pad: 'same', dataFormat: 'NHWC' };
      const reps = backend === 'wasm' ? 10 : 1;
      row[`${backend}DwMs`] = timeKernel('Conv2DBackpropFilter', { x, dy }, { ...common, filterShape: fs }, reps);
      row[`${backend}DxMs`] = timeKernel('Conv2DBackpropInput', { dy, filter: f }, { ...common, inputShape: xs }, reps);
      if (backend === 'wasm') {
        const stock = stockConv2DBackpropInput();
        const be = tf.backend();
        const info = (t: tf.Tensor): tf.TensorInfo => ({ dataId: t.dataId, shape: t.shape, dtype: t.dtype });
        const t0 = performance.now();
        if (stock) {
          const r = stock({ inputs: { dy: info(dy), filter: info(f) }, backend: be, attrs: { ...common, inputShape: xs } }) as tf.TensorInfo;
          be.disposeData(r.dataId);
        }
        row.stockWasmDxMs = performance.now() - t0;
      }
      tf.dispose([x, f, dy]);
    }
    out[`x${xs.join('x')} f${fs.join('x')} s${s}`] = row;
  }
  return out;
}

export async function run(options: { quick?: boolean } = {}): Promise<Record<string, unknown>> {
  const quick = options.quick ?? false;
  const wasmSteps = quick ? 3 : 10;
  const cpuSteps = quick ? 1 : 2;
  const wasmS = await timeSteps('wasm', wasmSteps, 2);
  const cpuS = await timeSteps('cpu', cpuSteps, 0);
  return {
    config: { batch: DEFAULT_GAN.batch, widths: DEFAULT_GAN.widths, wasmSteps, cpuSteps },
    wasmSecondsPerStep: wasmS,
    cpuSecondsPerStep: cpuS,
    speedup: cpuS / wasmS,
    kernels: await kernels(!quick),
  };
}
