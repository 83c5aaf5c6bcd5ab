import * as tf from '@tensorflow/tfjs';

/** An `UpSampling2D(n, nearest) → Conv2D(3×3, same, linear)` pair, evaluated at low resolution. */
export interface SubpixelPair {
  upsample: tf.layers.Layer;
  conv: tf.layers.Layer;
  factor: number;
  /** [3, 3, cin, n·n·cout]: one 3×3 low-resolution kernel per output phase. */
  kernel: tf.Tensor4D;
  bias: tf.Tensor1D;
}

/**
 * The RDN ESRGANs (slim, medium) end with nearest-neighbour upsampling followed by a
 * 3×3 conv. A 3×3 conv over an n×-replicated image is, for each of the n² output phases,
 * a 3×3 conv over the low-resolution image with the taps that land on the same source
 * pixel summed; so the pair equals one low-resolution conv with n²·cout outputs and a
 * depthToSpace. Same function, same zero padding at the borders (row −1 of the HR image
 * is row −1 of the LR image), same FLOPs, but no n²-times larger intermediate (×4: 16× a
 * 48-channel image) and a conv with 48 outputs instead of 3, which XNNPACK runs far
 * better: measured 24 % of slim ×4's time (upsample + SR conv) on one wasm core.
 * Results differ from `predict` only by float summation order (< 1e-3 on 0–255).
 */
export function findSubpixelPairs(model: tf.LayersModel): SubpixelPair[] {
  const consumers = new Map<number, tf.layers.Layer[]>();
  for (const layer of model.layers) {
    for (const node of layer.inboundNodes) for (const t of node.inputTensors) consumers.set(t.id, [...(consumers.get(t.id) ?? []), layer]);
  }
  const pairs: SubpixelPair[] = [];
  for (const upsample of model.layers) {
    if (upsample.getClassName() !== 'UpSampling2D' || upsample.inboundNodes.length !== 1) continue;
    const up = upsample.getConfig() as { size?: number[]; interpolation?: string; dataFormat?: string };
    const [n, m] = up.size ?? [];
    if (n === undefined || n !== m || (up.interpolation ?? 'nearest') !== 'nearest' || up.dataFormat === 'channelsFirst') continue;
    const out = upsample.inboundNodes[0]!.outputTensors[0];
    const next = out ? consumers.get(out.id) : undefined;
    const conv = next?.length === 1 ? next[0]! : undefined;
    if (!conv || !isPlainConv3x3(conv)) continue;
    const [w, b] = conv.getWeights();
    if (!w || !b) continue;
    const { kernel, bias } = phaseKernels(w as tf.Tensor4D, b as tf.Tensor1D, n);
    pairs.push({ upsample, conv, factor: n, kernel, bias });
  }
  return pairs;
}

/**
 * The pair's output from the upsample's input: conv at low resolution, then depth to
 * space. As reshape → transpose → reshape: wasm's DepthToSpace kernel took 79 ms where the
 * transpose takes 7 ms (200² × 48 → 800² × 3, one core), with identical values.
 */
export function runSubpixel(pair: SubpixelPair, x: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const y = tf.fused.conv2d({ x: x as tf.Tensor4D, filter: pair.kernel, strides: 1, pad: 'same', bias: pair.bias });
    const [batch, h, w, c] = y.shape;
    const n = pair.factor;
    const cout = c / (n * n);
    return y.reshape([batch * h, w, n, n * cout]).transpose([0, 2, 1, 3]).reshape([batch, h * n, w * n, cout]);
  });
}

function isPlainConv3x3(layer: tf.layers.Layer): boolean {
  if (layer.getClassName() !== 'Conv2D' || layer.inboundNodes.length !== 1) return false;
  const c = layer.getConfig() as { kernelSize?: number[]; strides?: number[]; padding?: string; dilationRate?: number[] | number; activation?: string; useBias?: boolean; dataFormat?: string };
  const dilation = Array.isArray(c.dilationRate) ? c.dilationRate : [c.dilationRate ?? 1, c.dilationRate ?? 1];
  return c.kernelSize?.join() === '3,3' && (c.strides ?? [1, 1]).join() === '1,1' && dilation.join() === '1,1' && c.padding === 'same' && (c.activation ?? 'linear') === 'linear' && c.useBias !== false && c.dataFormat !== 'channelsFirst';
}

/**
 * Output phase (py, px) at HR tap (dy, dx) reads LR pixel offset floor((p + d) / n):
 * accumulate each HR tap into the LR tap it lands on. Channel order is depthToSpace's:
 * ((py·n + px)·cout + co).
 */
function phaseKernels(w: tf.Tensor4D, b: tf.Tensor1D, n: number): { kernel: tf.Tensor4D; bias: tf.Tensor1D } {
  const [, , cin, cout] = w.shape;
  const src = w.dataSync();
  const outC = n * n * cout;
  const dst = new Float32Array(9 * cin * outC);
  for (let py = 0; py < n; py += 1) {
    for (let px = 0; px < n; px += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (let dx = -1; dx <= 1; dx += 1) {
          const oy = Math.floor((py + dy) / n) + 1;
          const ox = Math.floor((px + dx) / n) + 1;
          for (let ci = 0; ci < cin; ci += 1) {
            const s = (((dy + 1) * 3 + (dx + 1)) * cin + ci) * cout;
            const d = ((oy * 3 + ox) * cin + ci) * outC + (py * n + px) * cout;
            for (let co = 0; co < cout; co += 1) dst[d + co]! += src[s + co]!;
          }
        }
      }
    }
  }
  const biasData = b.dataSync();
  const bias = new Float32Array(outC);
  for (let k = 0; k < outC; k += 1) bias[k] = biasData[k % cout]!;
  return { kernel: tf.tensor4d(dst, [3, 3, cin, outC]), bias: tf.tensor1d(bias) };
}
