import type { Level } from './level';
import type { Field } from './patchmatch';
import type { Pacer } from './pacer';

/** Wexler et al. 2007 §3.2: confidence decays as γ^-distance into the hole, with γ = 1.3. */
const GAMMA = 1.3;
const CHUNK = 1024;

/** Per-pixel confidence: 1 on known pixels, γ^-d inside the hole. */
export function confidence(distance: Float32Array): Float32Array {
  const out = new Float32Array(distance.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.pow(GAMMA, -distance[i]!);
  return out;
}

export function holeList(hole: Uint8Array): Int32Array {
  const list: number[] = [];
  for (let i = 0; i < hole.length; i++) if (hole[i] !== 0) list.push(i);
  return Int32Array.from(list);
}

/** Scratch buffers reused across EM steps of one level: colour and Laplacian sums, and their weights. */
export interface VoteBuffers {
  acc: Float32Array;
  weight: Float32Array;
  lap: Float32Array;
  lapWeight: Float32Array;
}

export function voteBuffers(level: Level): VoteBuffers {
  const n = level.w * level.h;
  return { acc: new Float32Array(n * level.c), weight: new Float32Array(n), lap: new Float32Array(n * level.c), lapWeight: new Float32Array(n) };
}

/**
 * The M-step of Wexler's EM (§3.2): every hole pixel gets the weighted mean of the
 * colours that all overlapping target patches' matches propose for it. A patch's
 * weight is its centre's confidence times exp(-mse / 2σ²), σ² being the 75th
 * percentile of the patches' mean squared errors; `sharpness` > 1 narrows that kernel.
 * The proposals' Laplacians are voted alike (Darabi et al. 2012, gradient-domain
 * voting) for the Poisson step; sums are left in `buffers`, colours are not written.
 */
export async function vote(level: Level, field: Field, holes: Int32Array, conf: Float32Array, r: number, buffers: VoteBuffers, sharpness: number, pacer: Pacer): Promise<void> {
  const { img, w, h, c, hole } = level;
  const { acc, weight, lap, lapWeight } = buffers;
  const { targets, nnf, cost } = field;
  for (const q of holes) {
    weight[q] = 0;
    lapWeight[q] = 0;
    for (let k = 0; k < c; k++) acc[q * c + k] = lap[q * c + k] = 0;
  }
  const inv = sharpness / (2 * Math.max(1e-6, percentileMse(field, w, h, c, r, 0.75)));
  for (let done = 0; done < targets.length; done += CHUNK) {
    const end = Math.min(targets.length, done + CHUNK);
    for (let i = done; i < end; i++) {
      const p = targets[i]!;
      const s = nnf[p]!;
      const px = p % w;
      const py = (p - px) / w;
      const x0 = Math.max(-r, -px);
      const x1 = Math.min(r, w - 1 - px);
      const y0 = Math.max(-r, -py);
      const y1 = Math.min(r, h - 1 - py);
      const n = (x1 - x0 + 1) * (y1 - y0 + 1) * c;
      const wgt = conf[p]! * Math.exp(-(cost[p]! / n) * inv) + 1e-12;
      for (let dy = y0; dy <= y1; dy++) {
        const qy = py + dy;
        for (let dx = x0; dx <= x1; dx++) {
          const q = p + dy * w + dx;
          if (hole[q] === 0) continue;
          const src = s + dy * w + dx;
          weight[q] = weight[q]! + wgt;
          for (let k = 0; k < c; k++) acc[q * c + k] = acc[q * c + k]! + wgt * img[src * c + k]!;
          // Inside the source patch every neighbour of src is known, so its Laplacian is exact.
          if (dx === -r || dx === r || dy === -r || dy === r) continue;
          const qx = px + dx;
          lapWeight[q] = lapWeight[q]! + wgt;
          for (let k = 0; k < c; k++) {
            const centre = img[src * c + k]!;
            let l = 0;
            if (qx > 0) l += centre - img[(src - 1) * c + k]!;
            if (qx < w - 1) l += centre - img[(src + 1) * c + k]!;
            if (qy > 0) l += centre - img[(src - w) * c + k]!;
            if (qy < h - 1) l += centre - img[(src + w) * c + k]!;
            lap[q * c + k] = lap[q * c + k]! + wgt * l;
          }
        }
      }
    }
    await pacer.tick();
  }
  for (const q of holes) {
    const a = weight[q]!;
    const b = lapWeight[q]!;
    for (let k = 0; k < c; k++) {
      acc[q * c + k] = a > 0 ? acc[q * c + k]! / a : img[q * c + k]!;
      lap[q * c + k] = b > 0 ? lap[q * c + k]! / b : 0;
    }
  }
}
/** The q-quantile of per-sample patch error, from a strided sample of at most 4096 targets. */
function percentileMse(field: Field, w: number, h: number, c: number, r: number, q: number): number {
  const { targets, cost } = field;
  const stride = Math.max(1, Math.floor(targets.length / 4096));
  const sample: number[] = [];
  for (let i = 0; i < targets.length; i += stride) {
    const p = targets[i]!;
    const px = p % w;
    const py = (p - px) / w;
    const nx = Math.min(r, w - 1 - px) + Math.min(r, px) + 1;
    const ny = Math.min(r, h - 1 - py) + Math.min(r, py) + 1;
    sample.push(cost[p]! / (nx * ny * c));
  }
  sample.sort((a, b) => a - b);
  return sample[Math.min(sample.length - 1, Math.floor(q * sample.length))] ?? 0;
}
