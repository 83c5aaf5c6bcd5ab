import * as tf from '@tensorflow/tfjs';
import { LatentshopError } from '../../../../../preload/contract/errors';
import type { Network } from '../../../../../models/loader';
import { maxValue, type RasterImage } from '../../../io/raster';
import { type OpContext, throwIfCancelled } from '../../context';
import { type MaskImage, maskPixels } from '../fill/mask';
import { holeComponents } from '../fill/regions';
import { readWindow, writeHole } from './pixels';
import { getInpainter } from './select';
import { holeWindows } from './windows';

export interface ModelInpaintOptions {
  /** Network name or family id; default the first inpainter installed. */
  model?: string;
  /** Where model families live (tests); default the app's models folder. */
  modelsRoot?: string;
}

/** Side used for nets with free height and width: big enough for context, small enough for one core. */
const FREE_SIDE = 256;
const FREE_SIDE_MAX = 512;

/**
 * Inpainting with a network whose manifest role is `inpainter`: for each hole, a square
 * window of context is cropped (scaled to the net's input side when larger), the net
 * completes it, and only that hole's masked pixels are pasted back. Everything outside
 * the mask is kept bit for bit. Image and mask go in as the manifest says (see README).
 */
export async function modelInpaint(raster: RasterImage, maskInput: Uint8Array | MaskImage, ctx: OpContext, opts: ModelInpaintOptions = {}): Promise<RasterImage> {
  const mask = maskPixels(raster, maskInput);
  ctx.progress(0, 'load');
  const net = await getInpainter(opts.model, opts.modelsRoot);
  const fixed = fixedSide(net);
  const result: RasterImage = { ...raster, data: raster.data.slice(), metadata: { ...raster.metadata } };
  const windows = holeWindows(holeComponents(mask, raster.width, raster.height), raster.width, raster.height, fixed ?? FREE_SIDE);
  const top = maxValue(raster.bitDepth);
  for (const [i, window] of windows.entries()) {
    throwIfCancelled(ctx.signal);
    ctx.progress(0.05 + (0.95 * i) / windows.length, 'inpaint');
    const runSide = fixed ?? Math.min(FREE_SIDE_MAX, Math.ceil(window.side / 8) * 8);
    const crop = readWindow(result, mask, window, top);
    const out = tf.tidy(() => runNet(net, crop.rgb, crop.hole, window.side, runSide));
    const filled = (await out.data()) as Float32Array;
    out.dispose();
    writeHole(result, mask, window, filled, top);
  }
  ctx.progress(1, 'done');
  return result;
}

/** One window through the net; returns [side, side, 3] in 0–1. Runs inside tf.tidy. */
function runNet(net: Network, rgb: Float32Array, hole: Float32Array, side: number, runSide: number): tf.Tensor {
  const [lo, hi] = net.spec.input.range;
  const [outLo, outHi] = net.spec.output.range;
  const fit = (t: tf.Tensor4D): tf.Tensor4D => (side === runSide ? t : tf.image.resizeBilinear(t, [runSide, runSide], true));
  const image = fit(tf.tensor4d(rgb, [1, side, side, 3])).mul(hi - lo).add(lo);
  // Nearest keeps the mask binary when scaled: 1 = hole, 0 = known.
  const holeT = tf.tensor4d(hole, [1, side, side, 1]);
  const m = side === runSide ? holeT : tf.image.resizeNearestNeighbor(holeT, [runSide, runSide], true);
  const inputs = net.model.inputs.length >= 2 ? [image, m] : tf.concat([image, m], 3);
  const raw = net.model.predict(inputs);
  const y = (Array.isArray(raw) ? raw[0] : raw) as tf.Tensor4D | undefined;
  if (!y || y.rank !== 4 || y.shape[3] !== 3) {
    throw new LatentshopError('MODEL_INVALID', `${net.modelPath}: an inpainter must output [1, H, W, 3]; got [${y?.shape.join(', ') ?? ''}].`, net.modelPath);
  }
  const unit = y.sub(outLo).div(outHi - outLo) as tf.Tensor4D;
  const back = unit.shape[1] === side && unit.shape[2] === side ? unit : tf.image.resizeBilinear(unit, [side, side], true);
  return back.clipByValue(0, 1).squeeze([0]);
}

/** The net's input side when the manifest (or the model) fixes it; undefined for free sizes. */
function fixedSide(net: Network): number | undefined {
  const shape = net.spec.input.shape ?? net.model.inputs[0]?.shape ?? [];
  const h = shape[1];
  const w = shape[2];
  if (typeof h === 'number' && h > 0 && h !== w) {
    throw new LatentshopError('MODEL_INVALID', `${net.modelPath}: inpainters must take square inputs (got ${h} × ${String(w)}).`, net.modelPath);
  }
  return typeof h === 'number' && h > 0 ? h : undefined;
}
