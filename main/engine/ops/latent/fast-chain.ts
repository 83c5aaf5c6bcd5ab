import * as tf from '@tensorflow/tfjs';

/**
 * Chain-shaped nets (G, D, C of our families) run with their convs re-expressed for wasm.
 *
 * tfjs-wasm runs Conv2DBackpropInput as a plain loop (~10× a conv). It is the forward pass
 * of every transposed conv (all of G) and the input gradient of every conv (D and C in the
 * feature and realism losses). Here:
 *  - a 4×4 stride-2 'same' transposed conv is ONE 3×3 conv with 4·C_out channels plus a
 *    pixel shuffle (each output phase sees a 2×2 subset of a 3×3 window);
 *  - every input gradient is again a conv: the flipped, transposed 3×3 filter for the
 *    former, and the phase form above for a 4×4 stride-2 conv (its adjoint);
 *  - custom gradients never compute filter gradients (z-only optimisation).
 * Layers it does not recognise run as themselves.
 */
export interface ChainRunner {
  /** The outputs of the `taps` layers (in order), and the net's output unless stopped early. */
  run(x: tf.Tensor, stopAtLastTap?: boolean): { taps: tf.Tensor[]; out: tf.Tensor };
  dispose(): void;
}

const TAP = [
  [3, 1, -1],
  [-1, 2, 0],
];

/** Packs a [4,4,outC,inC] transposed-conv kernel into the 3×3 phase filter and its adjoint. */
function packPhase(w: Float32Array, outC: number, inC: number): [tf.Tensor4D, tf.Tensor4D] {
  const fwd = new Float32Array(9 * inC * 4 * outC);
  for (let py = 0; py < 2; py += 1) for (let px = 0; px < 2; px += 1) for (let dy = 0; dy < 3; dy += 1) for (let dx = 0; dx < 3; dx += 1) {
    const [ky, kx] = [TAP[py]![dy]!, TAP[px]![dx]!];
    if (ky < 0 || kx < 0) continue;
    for (let o = 0; o < outC; o += 1) for (let i = 0; i < inC; i += 1) fwd[((dy * 3 + dx) * inC + i) * 4 * outC + (py * 2 + px) * outC + o] = w[((ky * 4 + kx) * outC + o) * inC + i]!;
  }
  return [tf.tensor4d(fwd, [3, 3, inC, 4 * outC]), flipTranspose(fwd, 3, inC, 4 * outC)];
}

/** w[k][k][ci][co] → w'[a][b][co][ci] = w[k−1−a][k−1−b][ci][co]: the input gradient of a stride-1 'same' conv. */
function flipTranspose(w: Float32Array, k: number, ci: number, co: number): tf.Tensor4D {
  const out = new Float32Array(w.length);
  for (let a = 0; a < k; a += 1) for (let b = 0; b < k; b += 1) for (let i = 0; i < ci; i += 1) for (let o = 0; o < co; o += 1) {
    out[(((k - 1 - a) * k + (k - 1 - b)) * co + o) * ci + i] = w[((a * k + b) * ci + i) * co + o]!;
  }
  return tf.tensor4d(out, [k, k, co, ci]);
}

/** forward(x), with the input gradient `backward(dy)` (linear ops: no saved tensors needed). */
function withGradient(x: tf.Tensor4D, forward: (x: tf.Tensor4D) => tf.Tensor4D, backward: (dy: tf.Tensor4D) => tf.Tensor4D): tf.Tensor4D {
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    (args[1] as tf.GradSaveFunc)([]);
    return { value: forward(args[0] as tf.Tensor4D) as tf.Tensor, gradFunc: (dy: tf.Tensor) => backward(dy as tf.Tensor4D) as tf.Tensor };
  });
  return op(x) as tf.Tensor4D;
}

/** conv2d(x, f, 1, 'same') whose gradient is conv2d(dy, b, 1, 'same'). */
function conv(x: tf.Tensor4D, f: tf.Tensor4D, b: tf.Tensor4D): tf.Tensor4D {
  return withGradient(x, (input) => tf.conv2d(input, f, 1, 'same'), (dy) => tf.conv2d(dy, b, 1, 'same')) as tf.Tensor4D;
}

function shuffle(y: tf.Tensor4D, c: number): tf.Tensor4D {
  const [n, h, w] = y.shape;
  return y.reshape([n, h, w, 2, 2, c]).transpose([0, 1, 3, 2, 4, 5]).reshape([n, 2 * h, 2 * w, c]);
}

type Step = (x: tf.Tensor) => tf.Tensor;

function activate(y: tf.Tensor, activation: string, bias: tf.Tensor | undefined): tf.Tensor {
  const z = bias ? y.add(bias) : y;
  return activation === 'tanh' ? z.tanh() : activation === 'relu' ? z.relu() : activation === 'sigmoid' ? z.sigmoid() : z;
}

/** A fast step for a conv layer we recognise, with the constants it owns; undefined otherwise. */
function fastStep(layer: tf.layers.Layer, owned: tf.Tensor[]): Step | undefined {
  const kind = layer.getClassName();
  if (kind === 'BatchNormalization') return batchNormStep(layer, owned);
  if (kind !== 'Conv2D' && kind !== 'Conv2DTranspose') return undefined;
  const c = layer.getConfig() as { kernelSize?: number[]; strides?: number[]; padding?: string; dataFormat?: string; dilationRate?: number | number[]; activation?: string; useBias?: boolean };
  const activation = c.activation ?? 'linear';
  const dilated = [c.dilationRate ?? 1].flat().some((d) => d !== 1);
  if (c.padding !== 'same' || c.dataFormat === 'channelsFirst' || dilated || !['linear', 'tanh', 'relu', 'sigmoid'].includes(activation)) return undefined;
  const [kernel, biasW] = layer.getWeights();
  const bias = biasW && c.useBias !== false ? biasW.clone() : undefined;
  const [k, k2, a, b] = kernel!.shape as [number, number, number, number];
  const strides = c.strides ?? [1, 1];
  const w = kernel!.dataSync() as Float32Array;
  const keep = (...t: (tf.Tensor | undefined)[]) => owned.push(...t.filter((x): x is tf.Tensor => x !== undefined));
  if (kind === 'Conv2DTranspose' && k === 4 && k2 === 4 && strides.every((s) => s === 2)) {
    const [f, back] = packPhase(w, a, b);
    keep(f, back, bias);
    return (x) => activate(shuffle(conv(x as tf.Tensor4D, f, back), a), activation, bias);
  }
  if (kind === 'Conv2D' && k === k2 && k % 2 === 1 && strides.every((s) => s === 1)) {
    const f = tf.tensor4d(w, [k, k, a, b]);
    const back = flipTranspose(w, k, a, b);
    keep(f, back, bias);
    return (x) => activate(conv(x as tf.Tensor4D, f, back), activation, bias);
  }
  if (kind === 'Conv2D' && k === 4 && k2 === 4 && strides.every((s) => s === 2)) {
    // The adjoint of this conv is a 4×4 stride-2 transposed conv with the same kernel: phase form.
    const [pf, pb] = packPhase(w, a, b);
    const f = tf.tensor4d(w, [4, 4, a, b]);
    keep(f, pf, pb, bias);
    return (x) => activate(withGradient(x as tf.Tensor4D, (input) => tf.conv2d(input, f, 2, 'same'), (dy) => shuffle(tf.conv2d(dy, pf, 1, 'same'), a)), activation, bias);
  }
  return undefined;
}

/**
 * Inference batch norm as one multiply-add with folded constants: tfjs' own BN gradient
 * tiles its parameters to the full activation shape, which cost more than the convs.
 */
function batchNormStep(layer: tf.layers.Layer, owned: tf.Tensor[]): Step | undefined {
  const c = layer.getConfig() as { axis?: number | number[]; epsilon?: number };
  const axis = [c.axis ?? -1].flat();
  if (axis.length !== 1 || (axis[0] !== -1 && axis[0] !== 3 && axis[0] !== 1)) return undefined;
  const byName = (part: string) => layer.weights.find((w) => w.name.includes(part))?.read();
  const [mean, variance] = [byName('moving_mean'), byName('moving_variance')];
  if (!mean || !variance) return undefined;
  const [gamma, beta] = [byName('gamma'), byName('beta')];
  const scale = tf.tidy(() => (gamma ?? tf.onesLike(mean)).div(variance.add(c.epsilon ?? 1e-3).sqrt()));
  const shift = tf.tidy(() => (beta ?? tf.zerosLike(mean)).sub(mean.mul(scale)));
  owned.push(scale, shift);
  return (x) => (x.rank === 4 || axis[0] !== 1 ? x.mul(scale).add(shift) : layer.apply(x, { training: false }) as tf.Tensor);
}

/** A runner for a chain-shaped model, or undefined when it branches (then use model.apply). */
export function chainRunner(model: tf.LayersModel, taps: string[] = []): ChainRunner | undefined {
  const chain = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  const linear = chain.every((l, i) => i === 0 || l.inboundNodes.every((n) => n.inboundLayers.length === 1 && n.inboundLayers[0] === chain[i - 1]));
  if (!linear || model.inputs.length !== 1 || model.outputs.length !== 1 || taps.some((t) => !chain.some((l) => l.name === t))) return undefined;
  const owned: tf.Tensor[] = [];
  const steps: Step[] = chain.map((layer) => fastStep(layer, owned) ?? ((x: tf.Tensor) => layer.apply(x, { training: false }) as tf.Tensor));
  const last = Math.max(-1, ...taps.map((t) => chain.findIndex((l) => l.name === t)));
  return {
    // No tidy here: callers run inside tf.grad/tf.tidy, which own the intermediates.
    run: (x, stopAtLastTap = false) => {
      const out: tf.Tensor[] = [];
      let h = x;
      for (let i = 0; i < chain.length; i += 1) {
        if (stopAtLastTap && i > last) break;
        h = steps[i]!(h);
        if (taps.includes(chain[i]!.name)) out.push(h);
      }
      return { taps: out, out: h };
    },
    dispose: () => tf.dispose(owned),
  };
}
