/**
 * Strided Conv2DBackpropInput by phase (sub-pixel) decomposition.
 *
 * With stride s, input row i = s·m + p only receives taps kh ≡ (p + top) mod s,
 * so each of the s×s output phases is an ordinary stride-1 conv of dy with a
 * small sub-filter. That avoids the zero-inserted dy (s² wasted MACs and a big
 * 6-D pad); the phases are then interleaved with two concats and a reshape.
 */
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type * as tf from '@tensorflow/tfjs';
import { call, type Info, type Scratch } from './wasm-kernel-call.js';

interface Phase { r: number; taps: number; padBefore: number; padAfter: number }

/** Tap offset, tap count and padding of one phase along one axis; null when it has no taps. */
function phase(p: number, s: number, k: number, before: number, outLen: number, inLen: number): Phase | null {
  const r = (p + before) % s;
  const q = Math.floor((p + before) / s);
  const taps = r < k ? Math.ceil((k - r) / s) : 0;
  if (taps === 0) return null;
  const padBefore = taps - 1 - q;
  const padAfter = inLen / s + taps - 1 - outLen - padBefore;
  return { r, taps, padBefore, padAfter };
}

/**
 * Returns dX, or null when the shape does not decompose cleanly (input size not
 * a multiple of the stride, a phase without taps, or negative padding).
 */
export function phaseBackpropInput(backend: BackendWasm, dy: Info, filter: Info, info: tf.backend_util.Conv2DInfo,
  s: Scratch): Info | null {
  const { strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow, inHeight: h, inWidth: w } = info;
  const { filterHeight: kh, filterWidth: kw, inChannels: ci, batchSize: b } = info;
  if (h % sh !== 0 || w % sw !== 0) return null;
  const rows = Array.from({ length: sh }, (_, p) => phase(p, sh, kh, info.padInfo.top, oh, h));
  const cols = Array.from({ length: sw }, (_, p) => phase(p, sw, kw, info.padInfo.left, ow, w));
  const ok = (ph: Phase | null): ph is Phase => ph !== null && ph.padBefore >= 0 && ph.padAfter >= 0;
  if (!rows.every(ok) || !cols.every(ok)) return null;
  const mh = h / sh;
  const mw = w / sw;
  const bands: Info[] = [];
  for (const ry of rows as Phase[]) {
    const parts: Info[] = [];
    for (const rx of cols as Phase[]) {
      // Sub-filter: taps r, r+s, … reversed (correlation order), then HWOI→HWIO for dy's channels.
      const sub = s.keep(call(backend, 'StridedSlice', { x: filter }, {
        begin: [ry.r, rx.r, 0, 0], end: [ry.r + sh * (ry.taps - 1) + 1, rx.r + sw * (rx.taps - 1) + 1, ci, info.outChannels],
        strides: [sh, sw, 1, 1], beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0 }));
      const rev = s.keep(call(backend, 'Reverse', { x: sub }, { dims: [0, 1] }));
      const wT = s.keep(call(backend, 'Transpose', { x: rev }, { perm: [0, 1, 3, 2] }));
      const pad = [[0, 0], [ry.padBefore, ry.padAfter], [rx.padBefore, rx.padAfter], [0, 0]];
      const out = s.keep(call(backend, 'Conv2D', { x: dy, filter: wT },
        { strides: 1, pad, dilations: 1, dataFormat: 'NHWC', dimRoundingMode: undefined }));
      parts.push(s.keep(call(backend, 'Reshape', { x: out }, { shape: [b, mh, 1, mw, 1, ci] })));
    }
    bands.push(parts.length === 1 ? parts[0]! : s.keep(call(backend, 'Concat', parts, { axis: 4 })));
  }
  const all = bands.length === 1 ? bands[0]! : s.keep(call(backend, 'Concat', bands, { axis: 2 }));
  return call(backend, 'Reshape', { x: all }, { shape: [b, h, w, ci] });
}
