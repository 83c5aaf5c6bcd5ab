/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it (DESIGN §8),
 * so conv weights could otherwise only be trained on the much slower cpu backend.
 *
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} xPad[b, oh·s+kh, ow·s+kw, ci] · dy[b,oh,ow,co]
 *
 * im2col is done by XNNPACK itself: a depthwise conv with one-hot filters
 * (channel multiplier KH·KW) yields cols[b,oh,ow, ci·K + k] for any stride and
 * padding, far faster than K strided slices + concat. Then one matmul
 * dyᵀ[Co,N] · cols[N, Ci·K] (the only matmul layout XNNPACK runs fast here)
 * and a small transpose to HWIO.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { call, constant, overrideKernel, Scratch, type Attrs, type Info, type Padding } from './wasm-kernel-call.js';
import './wasm-conv2d-backprop-input.js';

/** filter[kh,kw,c,m] = 1 where m is the tap index kh·KW+kw: depthwise conv then copies tap m. */
function oneHotTaps(kh: number, kw: number, ci: number): Float32Array {
  const k = kh * kw;
  const data = new Float32Array(k * ci * k);
  for (let t = 0; t < k; t++) for (let c = 0; c < ci; c++) data[(t * ci + c) * k + t] = 1;
  return data;
}

const conv2dBackpropFilterWasm: tf.KernelFunc = ({ inputs, backend: be, attrs }) => {
  const backend = be as BackendWasm;
  const a = (attrs ?? {}) as Attrs;
  const strides = a.strides as number | [number, number];
  const pad = a.pad as Padding;
  const rounding = a.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined;
  const [kh, kw, ci, co] = a.filterShape as [number, number, number, number];
  const s = new Scratch(backend);
  try {
    let x = inputs.x as Info;
    let dy = inputs.dy as Info;
    if (a.dataFormat === 'NCHW') {
      // Work in NHWC; the filter layout (HWIO) does not depend on the data format.
      x = s.keep(call(backend, 'Transpose', { x }, { perm: [0, 2, 3, 1] }));
      dy = s.keep(call(backend, 'Transpose', { x: dy }, { perm: [0, 2, 3, 1] }));
    }
    const k = kh * kw;
    const taps = s.keep(constant(backend, [kh, kw, ci, k], oneHotTaps(kh, kw, ci)));
    const cols = s.keep(call(backend, 'DepthwiseConv2dNative', { x, filter: taps },
      { strides, pad, dilations: 1, dimRoundingMode: rounding, dataFormat: 'NHWC' }));
    const [b, oh, ow] = cols.shape as [number, number, number, number];
    const n = b * oh * ow;
    const cols3 = s.keep(call(backend, 'Reshape', { x: cols }, { shape: [1, n, ci * k] }));
    const dy2 = s.keep(call(backend, 'Reshape', { x: dy }, { shape: [n, co] }));
    const dyT = s.keep(call(backend, 'Transpose', { x: dy2 }, { perm: [1, 0] }));
    const dyT3 = s.keep(call(backend, 'Reshape', { x: dyT }, { shape: [1, co, n] }));
    const prod = s.keep(call(backend, 'BatchMatMul', { a: dyT3, b: cols3 }, { transposeA: false, transposeB: false }));
    const prod4 = s.keep(call(backend, 'Reshape', { x: prod }, { shape: [co, ci, kh, kw] }));
    return call(backend, 'Transpose', { x: prod4 }, { perm: [2, 3, 1, 0] });
  } finally {
    s.free();
  }
};

/** Registers the kernel once per process; importing this module is enough. */
export function registerWasmConv2DBackpropFilter(): void {
  if (tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc === conv2dBackpropFilterWasm) return;
  overrideKernel('Conv2DBackpropFilter', conv2dBackpropFilterWasm);
}

registerWasmConv2DBackpropFilter();
