/**
 * A faster Conv2DBackpropInput for wasm. The stock kernel is a plain loop
 * (~10× the forward conv's time); training needs it for every G step.
 *
 * dX = conv2d(zeroInsert(dy, stride), flip(W)ᵀ, stride 1, explicit padding),
 * which XNNPACK runs at full speed. Strided shapes first try the phase
 * decomposition (no zero insertion). Shapes it cannot express with
 * non-negative padding, and NCHW, fall back to the stock kernel.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { phaseBackpropInput } from './wasm-phase-backprop-input.js';
import { call, overrideKernel, Scratch, type Attrs, type Info, type Padding } from './wasm-kernel-call.js';

let stock: tf.KernelFunc | undefined;

const conv2dBackpropInputWasm: tf.KernelFunc = (args) => {
  const backend = args.backend as BackendWasm;
  const a = (args.attrs ?? {}) as Attrs;
  const dy = args.inputs.dy as Info;
  const filter = args.inputs.filter as Info;
  const inShape = a.inputShape as [number, number, number, number];
  const [kh, kw, ci, co] = filter.shape as [number, number, number, number];
  const info = tf.backend_util.computeConv2DInfo(inShape, [kh, kw, ci, co], a.strides as number | [number, number], 1,
    a.pad as Padding, a.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined, false, 'channelsLast');
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow, inHeight: h, inWidth: w } = info;
  const { top, left } = info.padInfo;
  // Padding of the zero-inserted dy (height oh·sh) so a valid conv yields exactly h×w.
  const pads = [kh - 1 - top, h + top - oh * sh, kw - 1 - left, w + left - ow * sw];
  if (a.dataFormat === 'NCHW' || pads.some((p) => p < 0)) {
    if (!stock) throw new Error('Conv2DBackpropInput: unsupported configuration');
    return stock(args);
  }
  const s = new Scratch(backend);
  try {
    const b = dy.shape[0]!;
    if (sh > 1 || sw > 1) {
      const phased = phaseBackpropInput(backend, dy, filter, info, s);
      if (phased) return phased;
    }
    let up = dy;
    if (sh > 1 || sw > 1) {
      const six = s.keep(call(backend, 'Reshape', { x: dy }, { shape: [b, oh, 1, ow, 1, co] }));
      const padded = s.keep(call(backend, 'PadV2', { x: six },
        { paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0 }));
      up = s.keep(call(backend, 'Reshape', { x: padded }, { shape: [b, oh * sh, ow * sw, co] }));
    }
    const flipped = s.keep(call(backend, 'Reverse', { x: filter }, { dims: [0, 1] }));
    const wT = s.keep(call(backend, 'Transpose', { x: flipped }, { perm: [0, 1, 3, 2] }));
    const explicit = [[0, 0], [pads[0], pads[1]], [pads[2], pads[3]], [0, 0]];
    return call(backend, 'Conv2D', { x: up, filter: wT },
      { strides: 1, pad: explicit, dilations: 1, dataFormat: 'NHWC', dimRoundingMode: undefined });
  } finally {
    s.free();
  }
};

/** The stock wasm kernel, for benchmarks that compare against it (undefined before registration). */
export function stockConv2DBackpropInput(): tf.KernelFunc | undefined {
  return stock;
}

/** Installs the fast kernel once, keeping the stock one for the fallback cases. */
export function registerWasmConv2DBackpropInput(): void {
  if (tf.getKernel('Conv2DBackpropInput', 'wasm')?.kernelFunc === conv2dBackpropInputWasm) return;
  stock = overrideKernel('Conv2DBackpropInput', conv2dBackpropInputWasm);
}

registerWasmConv2DBackpropInput();
