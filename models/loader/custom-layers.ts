/**
 * Custom Keras layers that shipped models need, registered with tfjs' serialization
 * registry so `loadLayersModel` can rebuild them. Modelled on the definitions in
 * @upscalerjs/esrgan-thick (packages/shared/src/esrgan/esrgan.js): RRDN models use
 * `MultiplyBeta` (residual scaling by 0.2) and `PixelShuffle<s>x` (depth-to-space).
 */
import * as tf from '@tensorflow/tfjs';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type LayerClass = tf.serialization.SerializableConstructor<tf.layers.Layer>;

const first = (inputs: tf.Tensor | tf.Tensor[]): tf.Tensor => (Array.isArray(inputs) ? inputs[0]! : inputs);

/** Multiplies by β = 0.2, the residual scaling of ESRGAN's RRDB blocks. */
export class MultiplyBeta extends tf.layers.Layer {
  static className = 'MultiplyBeta';
  readonly beta = 0.2;
  constructor(args?: LayerArgs) {
    super(layerArgs(args));
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.mul(first(inputs), this.beta));
  }
}

/** A depth-to-space layer class for one fixed scale, named as the ESRGAN exports name it. */
export function pixelShuffleClass(scale: number): LayerClass {
  class PixelShuffle extends tf.layers.Layer {
    static className = `PixelShuffle${scale}x`;
    readonly scale = scale;
    constructor(args?: LayerArgs) {
      super(layerArgs(args));
    }
    override computeOutputShape(shape: tf.Shape | tf.Shape[]): tf.Shape {
      const s = (Array.isArray(shape[0]) ? shape[0] : shape) as tf.Shape;
      const up = (d: number | null | undefined): number | null => (d == null ? null : d * scale);
      const c = s[3];
      return [s[0] ?? null, up(s[1]), up(s[2]), c == null ? null : c / (scale * scale)];
    }
    override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
      return tf.tidy(() => tf.depthToSpace(first(inputs) as tf.Tensor4D, scale, 'NHWC'));
    }
    override getConfig(): tf.serialization.ConfigDict {
      return { ...super.getConfig(), scale };
    }
  }
  return PixelShuffle;
}

/** Keeps only the base LayerArgs fields; a saved config also carries e.g. `scale`. */
function layerArgs(args: LayerArgs | undefined): LayerArgs {
  if (!args) return {};
  const { name, trainable, dtype } = args;
  return { ...(name !== undefined && { name }), ...(trainable !== undefined && { trainable }), ...(dtype !== undefined && { dtype }) };
}

const registry = new Map<string, LayerClass>();
for (const cls of [MultiplyBeta, ...[2, 3, 4, 8].map(pixelShuffleClass)] as LayerClass[]) {
  registry.set((cls as unknown as { className: string }).className, cls);
}
let registered = false;

/** Adds a layer class to the registry (call before registerCustomLayers for it to load). */
export function addCustomLayer(cls: LayerClass): void {
  registry.set((cls as unknown as { className: string }).className, cls);
  if (registered) tf.serialization.registerClass(cls);
}

/** Registers every known custom layer with tfjs, once. Idempotent. */
export function registerCustomLayers(): void {
  if (registered) return;
  for (const cls of registry.values()) tf.serialization.registerClass(cls);
  registered = true;
}

export function knownCustomLayers(): string[] {
  return [...registry.keys()];
}
