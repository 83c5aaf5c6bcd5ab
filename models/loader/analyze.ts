import type * as tf from '@tensorflow/tfjs';

/** What tiling and benchmarks need to know about a fully convolutional net. */
export interface ConvNetStats {
  /** Input pixels of context an output pixel depends on, each side (exact, from the topology). */
  receptiveRadius: number;
  /** Multiply-adds ×2 per input pixel. */
  flopsPerInputPixel: number;
  /** Sum of all layer outputs in floats per input pixel: an upper bound on activations. */
  activationFloatsPerInputPixel: number;
  /** Output size / input size. */
  scale: number;
}

interface Walk {
  scale: number;
  radius: number;
}

type Cfg = Record<string, unknown>;
const pair = (v: unknown, fallback: number): [number, number] =>
  Array.isArray(v) ? [Number(v[0]), Number(v[1] ?? v[0])] : typeof v === 'number' ? [v, v] : [fallback, fallback];

/**
 * Walks a layers-model graph in order, tracking for each layer its resolution (relative
 * to the input) and the receptive radius in input pixels. A k×k conv at resolution s
 * adds (k-1)/2·dilation/s; "same" zero padding propagates through the same path, so
 * the radius is also how far an image border is felt. Returns undefined for layer
 * types whose spatial effect we do not know (the manifest must then give "context").
 */
export function analyzeConvNet(model: tf.LayersModel): ConvNetStats | undefined {
  const seen = new Map<string, Walk>();
  let flops = 0;
  let floats = 0;
  let last: Walk = { scale: 1, radius: 0 };
  for (const layer of model.layers) {
    const inbound = layer.inboundNodes.flatMap((node) => node.inboundLayers.map((l) => seen.get(l.name)));
    const from = inbound.filter((w): w is Walk => w !== undefined);
    const base: Walk = {
      scale: Math.max(1, ...from.map((w) => w.scale)),
      radius: Math.max(0, ...from.map((w) => w.radius)),
    };
    const cfg = layer.getConfig() as Cfg;
    const kind = layer.getClassName();
    let walk = base;
    if (kind === 'Conv2D' || kind === 'DepthwiseConv2D' || kind === 'SeparableConv2D') {
      const [kh, kw] = pair(cfg['kernelSize'], 1);
      const [dh] = pair(cfg['dilationRate'], 1);
      const [sh] = pair(cfg['strides'], 1);
      if (sh !== 1) return undefined;
      walk = { scale: base.scale, radius: base.radius + (((Math.max(kh, kw) - 1) / 2) * dh) / base.scale };
      // Kernel weights are [kh, kw, in, out]: more reliable than layer.inputShape here.
      const kernel = layer.weights[0]?.shape ?? [];
      const cin = Number(kernel[2] ?? 0);
      const cout = kind === 'DepthwiseConv2D' ? cin : Number(cfg['filters'] ?? cin);
      const perPixel = kind === 'DepthwiseConv2D' ? 2 * kh * kw * cin : 2 * kh * kw * cin * cout;
      flops += perPixel * base.scale * base.scale;
    } else if (kind === 'UpSampling2D') {
      walk = { scale: base.scale * pair(cfg['size'], 2)[0], radius: base.radius };
    } else if (/^PixelShuffle\d+x$/.test(kind) || kind === 'DepthToSpace') {
      walk = { scale: base.scale * Number(cfg['scale'] ?? cfg['blockSize'] ?? 1), radius: base.radius };
    } else if (!POINTWISE.has(kind)) {
      return undefined;
    }
    floats += outputChannels(layer) * walk.scale * walk.scale;
    seen.set(layer.name, walk);
    last = walk;
  }
  return {
    receptiveRadius: Math.ceil(last.radius - 1e-9),
    flopsPerInputPixel: flops,
    activationFloatsPerInputPixel: floats,
    scale: last.scale,
  };
}

function outputChannels(layer: tf.layers.Layer): number {
  try {
    const shape = layer.outputShape as tf.Shape;
    return Number(shape[shape.length - 1] ?? 0);
  } catch {
    return 0; // multi-node layers throw; they are rare in SR nets and only affect the estimate
  }
}

/** Layers that act per pixel, so they change neither resolution nor context. */
const POINTWISE = new Set([
  'InputLayer', 'Activation', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'Add', 'Multiply', 'Concatenate',
  'Subtract', 'Average', 'Maximum', 'Minimum', 'BatchNormalization', 'Dropout', 'Rescaling', 'MultiplyBeta',
]);
