import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../../../models/loader';
import { analyzeConvNet } from '../../../../models/loader/analyze';
import { predictStepped } from './stepped';
import { findSubpixelPairs, type SubpixelPair } from './subpixel';

/**
 * What the tiler needs from a super-resolution net. Pixels cross this boundary as
 * interleaved RGB floats on 0–255 whatever the net's own range, so 16-bit sources keep
 * their precision (no 8-bit quantisation on the way in or out).
 */
export interface TileNet {
  readonly scale: number;
  /** Input pixels of context each tile needs on each inner side (≥ receptive radius). */
  readonly context: number;
  /**
   * True when `context` covers the exact receptive radius: valid spans are then exactly
   * untiled output, so tiles need no feathered cross-fade (less overlap to compute).
   */
  readonly exact?: boolean;
  /** Cost model for tile sizing; estimates are fine. */
  readonly flopsPerPixel: number;
  readonly bytesPerPixel: number;
  /**
   * h×w×3 RGB on 0–255 → (h·scale)×(w·scale)×3 RGB on 0–255, unclipped. With a signal,
   * cancel is honoured inside the tile too (CANCELLED within ~0.1 s of compute).
   */
  run(rgb: Float32Array, width: number, height: number, signal?: AbortSignal): Promise<Float32Array>;
  /** Frees what the wrapper itself holds (not the network). */
  dispose?(): void;
}

/** Wraps a loaded super-resolution Network; every tensor is freed before run() returns (tf.tidy or stepped.ts). */
export function networkTileNet(network: Network): TileNet {
  const { spec } = network;
  const stats = network.model instanceof tf.LayersModel ? analyzeConvNet(network.model) : undefined;
  const scale = spec.scale ?? stats?.scale ?? 1;
  const context = spec.context ?? stats?.receptiveRadius;
  if (context === undefined) throw new Error(`${spec.name}: manifest needs "context" (receptive field unknown)`);
  const [inLo, inHi] = spec.input.range;
  const [outLo, outHi] = spec.output.range;
  const model = network.model;
  // Built once per net: low-resolution kernels for its upsample → conv tail (subpixel.ts).
  const subpixel = model instanceof tf.LayersModel ? findSubpixelPairs(model) : [];
  return {
    scale,
    context,
    exact: stats !== undefined && context >= stats.receptiveRadius,
    flopsPerPixel: stats?.flopsPerInputPixel ?? 1e6,
    // The sum of layer outputs, less the upsampled images that subpixel pairs never make
    // (slim ×4: 16 × 48 of 1915 floats per input pixel), so tiles grow to what memory allows.
    bytesPerPixel: 4 * Math.max(64, (stats?.activationFloatsPerInputPixel ?? 4096) - subpixel.reduce((sum, p) => sum + p.factor ** 2 * upsampledChannels(p), 0)),
    dispose: () => subpixel.forEach((p) => tf.dispose([p.kernel, p.bias])),
    async run(rgb, width, height, signal) {
      const out = signal && model instanceof tf.LayersModel
        ? await runStepped(model, rgb, width, height, signal, [inLo, inHi], [outLo, outHi], subpixel)
        : tf.tidy(() => toUnit255(network.predict(fromUnit255(tf.tensor4d(rgb, [1, height, width, 3]), inLo, inHi)), outLo, outHi));
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
  };
}

/** Channels of a pair's upsampled image (its input's, which upsampling keeps). */
function upsampledChannels(pair: SubpixelPair): number {
  const shape = pair.upsample.outputShape as tf.Shape;
  return Number(shape[shape.length - 1] ?? 0);
}

/** One tile layer by layer (see stepped.ts); the tensors outside the layers are freed here. */
async function runStepped(model: tf.LayersModel, rgb: Float32Array, width: number, height: number, signal: AbortSignal, [inLo, inHi]: number[], [outLo, outHi]: number[], subpixel: readonly SubpixelPair[]): Promise<tf.Tensor> {
  const x = tf.tidy(() => fromUnit255(tf.tensor4d(rgb, [1, height, width, 3]), inLo!, inHi!));
  try {
    const y = await predictStepped(model, x, signal, undefined, subpixel);
    if (outLo === 0 && outHi === 255) return y;
    try {
      return tf.tidy(() => toUnit255(y, outLo!, outHi!));
    } finally {
      y.dispose();
    }
  } finally {
    x.dispose();
  }
}

/** Maps 0–255 to [lo, hi]; the identity when the net already works on 0–255. */
function fromUnit255(x: tf.Tensor, lo: number, hi: number): tf.Tensor {
  if (lo === 0 && hi === 255) return x;
  return x.mul((hi - lo) / 255).add(lo);
}

function toUnit255(y: tf.Tensor, lo: number, hi: number): tf.Tensor {
  if (lo === 0 && hi === 255) return y;
  return y.sub(lo).mul(255 / (hi - lo));
}

/** Out-of-memory as the backends report it (wasm heap growth, typed array allocation). */
export function isOutOfMemory(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /out of memory|\bOOM\b|Cannot allocate|Memory\.grow|allocation failed|Invalid typed array length|Array buffer allocation/i.test(message);
}
