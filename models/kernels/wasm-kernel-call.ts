/**
 * Helpers for composing wasm kernels out of the wasm backend's own kernels.
 * Calling kernelFuncs directly keeps intermediates off the engine's tape and
 * inside wasm memory; each intermediate must be freed with `free`.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type Attrs = Record<string, unknown>;
export type Info = tf.TensorInfo;
export type Padding = 'same' | 'valid' | number | tf.backend_util.ExplicitPadding;
type KernelArgs = Parameters<tf.KernelFunc>[0];

/** Runs the wasm kernel `name` (or the given function) without engine bookkeeping. */
export function call(backend: BackendWasm, name: string | tf.KernelFunc, inputs: Record<string, Info> | Info[],
  attrs: Attrs = {}): Info {
  const fn = typeof name === 'string' ? tf.getKernel(name, 'wasm')?.kernelFunc : name;
  if (!fn) throw new Error(`wasm backend lacks kernel ${String(name)}`);
  const out = fn({ inputs, backend, attrs } as unknown as KernelArgs);
  return (Array.isArray(out) ? out[0] : out) as Info;
}

/** Allocates a float32 tensor in wasm memory holding `data` (for small constants). */
export function constant(backend: BackendWasm, shape: number[], data: Float32Array): Info {
  const out = backend.makeOutput(shape, 'float32');
  (backend.typedArrayFromHeap(out) as Float32Array).set(data);
  return out;
}

/** Collects intermediates so a kernel can free them all in `finally`. */
export class Scratch {
  private readonly infos: Info[] = [];
  constructor(private readonly backend: BackendWasm) {}
  keep(t: Info): Info { this.infos.push(t); return t; }
  free(): void { for (const t of this.infos) this.backend.disposeData(t.dataId); this.infos.length = 0; }
}

/**
 * Replaces any existing registration (wasm ships a slow Conv2DBackpropInput),
 * keeping the previous kernel's setupFunc so it can still serve as a fallback.
 */
export function overrideKernel(kernelName: string, kernelFunc: tf.KernelFunc): tf.KernelFunc | undefined {
  const previous = tf.getKernel(kernelName, 'wasm');
  if (previous) tf.unregisterKernel(kernelName, 'wasm');
  const config: tf.KernelConfig = { kernelName, backendName: 'wasm', kernelFunc };
  if (previous?.setupFunc) config.setupFunc = previous.setupFunc;
  tf.registerKernel(config);
  return previous?.kernelFunc;
}
