import * as tf from '@tensorflow/tfjs';
import type { Network } from '../../../../models/loader';
import { analyzeConvNet } from '../../../../models/loader/analyze';

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
  /** h×w×3 RGB on 0–255 → (h·scale)×(w·scale)×3 RGB on 0–255, unclipped. */
  run(rgb: Float32Array, width: number, height: number): Promise<Float32Array>;
}

/** Wraps a loaded super-resolution Network; every tensor lives inside one tf.tidy. */
export function networkTileNet(network: Network): TileNet {
  const { spec } = network;
  const stats = network.model instanceof tf.LayersModel ? analyzeConvNet(network.model) : undefined;
  const scale = spec.scale ?? stats?.scale ?? 1;
  const context = spec.context ?? stats?.receptiveRadius;
  if (context === undefined) throw new Error(`${spec.name}: manifest needs "context" (receptive field unknown)`);
  const [inLo, inHi] = spec.input.range;
  const [outLo, outHi] = spec.output.range;
  return {
    scale,
    context,
    exact: stats !== undefined && context >= stats.receptiveRadius,
    flopsPerPixel: stats?.flopsPerInputPixel ?? 1e6,
    bytesPerPixel: 4 * (stats?.activationFloatsPerInputPixel ?? 4096),
    async run(rgb, width, height) {
      const out = tf.tidy(() => {
        const x = fromUnit255(tf.tensor4d(rgb, [1, height, width, 3]), inLo, inHi);
        return toUnit255(network.predict(x), outLo, outHi);
      });
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    },
  };
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
