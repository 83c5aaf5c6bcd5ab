import type { Level } from './level';
import { type Field, nonzeroIndices } from './patchmatch';
import type { Pacer } from './pacer';

/** Wexler et al. 2007 §3.2: confidence decays as γ^-distance into the hole, with γ = 1.3. */
const GAMMA = 1.3;
const CHUNK = 1024;

/** The confidence of a pixel `distance` pixels into the hole. */
export function confidenceAt(distance: number): number {
  return Math.pow(GAMMA, -distance);
}

/** Per-pixel confidence: 1 on known pixels, γ^-d inside the hole. */
export function confidence(distance: Float32Array): Float32Array {
  const out = new Float32Array(distance.length);
  for (let i = 0; i < out.length; i++) out[i] = distance[i] === 0 ? 1 : confidenceAt(distance[i]!);
  return out;
}

export function holeList(hole: Uint8Array): Int32Array {
  return nonzeroIndices(hole);
}

/** Scratch buffers reused across EM steps of one level: colour and Laplacian sums, and their weights. */
export interface VoteBuffers {
  acc: Float32Array;
  weight: Float32Array;
  lap: Float32Array;
  lapWeight: Float32Array;
  /** 5-point Laplacian of the level's pixels (0 on the region's edge), read where it is fixed: inside source patches. */
  sourceLap: Float32Array;
}

/** Buffers for one level; only known pixels' Laplacians are read, so whatever the hole holds now does not matter. */
export function voteBuffers(level: Level): VoteBuffers {
  const n = level.w * level.h;
  return {
    acc: new Float32Array(n * level.c),
    weight: new Float32Array(n),
    lap: new Float32Array(n * level.c),
    lapWeight: new Float32Array(n),
    sourceLap: laplacian(level),
  };
}

/**
 * Known pixels never change, so their Laplacians are computed once per level instead
 * of once per vote for each of the ~(2r−1)² pixels of every target patch.
 */
function laplacian(level: Level): Float32Array {
  const { img, w, h, c } = level;
  const out = new Float32Array(w * h * c);
  for (let y = 1; y < h - 1; y++) {
    for (let j = (y * w + 1) * c, end = (y * w + w - 1) * c; j < end; j++) {
      out[j] = 4 * img[j]! - img[j - c]! - img[j + c]! - img[j - w * c]! - img[j + w * c]!;
    }
  }
  return out;
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
  const { acc, weight, lap, lapWeight, sourceLap } = buffers;
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
      if (c === 3 && px > r && px < w - 1 - r && py > r && py < h - 1 - r) {
        voteInteriorRgb(level, buffers, p, s, r, wgt);
        continue;
      }
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
          if (qx > 0 && qx < w - 1 && qy > 0 && qy < h - 1) {
            for (let k = 0; k < c; k++) lap[q * c + k] = lap[q * c + k]! + wgt * sourceLap[src * c + k]!;
            continue;
          }
          // On the region's edge the hole has fewer neighbours, and so does its Laplacian.
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
/**
 * The vote of one RGB target patch that lies wholly inside the region, so no pixel of
 * it is on the region's edge: the common case, without the edge tests and with the
 * channels unrolled (about twice as fast as the general loop).
 */
function voteInteriorRgb(level: Level, buffers: VoteBuffers, p: number, s: number, r: number, wgt: number): void {
  const { img, w, hole } = level;
  const { acc, weight, lap, lapWeight, sourceLap } = buffers;
  for (let dy = -r; dy <= r; dy++) {
    const edgeRow = dy === -r || dy === r;
    for (let dx = -r, q = p + dy * w - r, src = s + dy * w - r; dx <= r; dx++, q++, src++) {
      if (hole[q] === 0) continue;
      const a = q * 3;
      const b = src * 3;
      weight[q] = weight[q]! + wgt;
      acc[a] = acc[a]! + wgt * img[b]!;
      acc[a + 1] = acc[a + 1]! + wgt * img[b + 1]!;
      acc[a + 2] = acc[a + 2]! + wgt * img[b + 2]!;
      if (edgeRow || dx === -r || dx === r) continue;
      lapWeight[q] = lapWeight[q]! + wgt;
      lap[a] = lap[a]! + wgt * sourceLap[b]!;
      lap[a + 1] = lap[a + 1]! + wgt * sourceLap[b + 1]!;
      lap[a + 2] = lap[a + 2]! + wgt * sourceLap[b + 2]!;
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
