import type { Level } from './level';
import type { Pacer } from './pacer';
import type { Rng } from './rng';

/** The nearest-neighbour field of one level: for each target centre, its source centre and their distance. */
export interface Field {
  /** Target centres in scan order. */
  targets: Int32Array;
  /** Source centre per pixel; -1 where the pixel is not a target. */
  nnf: Int32Array;
  /** Sum of squared differences between each target and its source patch. */
  cost: Float32Array;
}

/** The candidate sources of a level: a lookup and a list to draw from. */
export interface Sources {
  valid: Uint8Array;
  list: Int32Array;
}

const CHUNK = 2048;

/**
 * SSD between the patch at target p and at source s, over every pixel of the target
 * patch that lies in the region (hole pixels hold the current estimate, as in
 * Wexler's EM). Stops early once above `cutoff`: most candidates lose quickly.
 */
export function patchDistance(img: Float32Array, w: number, h: number, c: number, r: number, p: number, s: number, cutoff: number): number {
  const px = p % w;
  const py = (p - px) / w;
  const sx = s % w;
  const sy = (s - sx) / w;
  const x0 = px - r < 0 ? -px : -r;
  const x1 = px + r >= w ? w - 1 - px : r;
  const y0 = py - r < 0 ? -py : -r;
  const y1 = py + r >= h ? h - 1 - py : r;
  const len = (x1 - x0 + 1) * c;
  let sum = 0;
  for (let dy = y0; dy <= y1; dy++) {
    let a = ((py + dy) * w + px + x0) * c;
    let b = ((sy + dy) * w + sx + x0) * c;
    const stop = a + len;
    while (a < stop) {
      const d = img[a++]! - img[b++]!;
      sum += d * d;
    }
    if (sum > cutoff) return sum;
  }
  return sum;
}

export function sourceList(valid: Uint8Array): Int32Array {
  const list: number[] = [];
  for (let i = 0; i < valid.length; i++) if (valid[i] !== 0) list.push(i);
  return Int32Array.from(list);
}

/** Barnes et al. 2009 §3.1: random initial offsets, drawn uniformly over the valid sources. */
export function randomField(level: Level, targets: Int32Array, sources: Sources, rng: Rng): Field {
  const nnf = new Int32Array(level.w * level.h).fill(-1);
  for (const p of targets) nnf[p] = sources.list[rng.int(sources.list.length)]!;
  return { targets, nnf, cost: new Float32Array(level.w * level.h) };
}

/** Barnes et al. 2009 §3.3 (coarse-to-fine): a fine target inherits its coarse parent's offset, doubled. */
export function upsampleField(coarse: Field, cw: number, ch: number, fine: Level, targets: Int32Array, sources: Sources, rng: Rng): Field {
  const { w } = fine;
  const nnf = new Int32Array(fine.w * fine.h).fill(-1);
  for (const p of targets) {
    const x = p % w;
    const y = (p - x) / w;
    const q = Math.min(ch - 1, y >> 1) * cw + Math.min(cw - 1, x >> 1);
    const sq = coarse.nnf[q]!;
    let s = -1;
    if (sq >= 0) {
      const sx = (sq % cw) * 2 + (x & 1);
      const sy = Math.floor(sq / cw) * 2 + (y & 1);
      if (sx < fine.w && sy < fine.h && sources.valid[sy * w + sx] !== 0) s = sy * w + sx;
    }
    nnf[p] = s >= 0 ? s : sources.list[rng.int(sources.list.length)]!;
  }
  return { targets, nnf, cost: new Float32Array(fine.w * fine.h) };
}

/** Distances change whenever voting rewrites the hole, so each EM step starts by recomputing them. */
export function refreshCosts(level: Level, field: Field, r: number): void {
  const { img, w, h, c } = level;
  for (const p of field.targets) field.cost[p] = patchDistance(img, w, h, c, r, p, field.nnf[p]!, Infinity);
}

/**
 * One PatchMatch sweep (Barnes et al. 2009 §3.2): propagation from the previous
 * neighbour in scan order (left and above, or right and below on reverse sweeps),
 * then random search in windows halving from the region size (α = ½).
 */
export async function patchMatchPass(
  level: Level,
  field: Field,
  sources: Sources,
  r: number,
  rng: Rng,
  reverse: boolean,
  searchRadius: number,
  pacer: Pacer,
): Promise<void> {
  const { img, w, h, c } = level;
  const { targets, nnf, cost } = field;
  const valid = sources.valid;
  const step = reverse ? -1 : 1;
  const n = targets.length;
  const maxRadius = Math.min(searchRadius, Math.max(w, h));
  for (let done = 0; done < n; done += CHUNK) {
    const end = Math.min(n, done + CHUNK);
    for (let i = done; i < end; i++) {
      const p = targets[reverse ? n - 1 - i : i]!;
      let best = nnf[p]!;
      let bestCost = cost[p]!;
      // Propagation: a good offset at a neighbour is probably good here too.
      for (let k = 0; k < 2; k++) {
        const q = k === 0 ? p - step : p - step * w;
        if (q < 0 || q >= nnf.length) continue;
        const sq = nnf[q]!;
        if (sq < 0) continue;
        const s = sq + (p - q);
        if (s === best || s < 0 || s >= valid.length || valid[s] === 0) continue;
        const d = patchDistance(img, w, h, c, r, p, s, bestCost);
        if (d < bestCost) {
          best = s;
          bestCost = d;
        }
      }
      // Random search around the current best, at exponentially shrinking radii.
      const bx = best % w;
      const by = (best - bx) / w;
      for (let radius = maxRadius; radius >= 1; radius >>= 1) {
        const x = Math.min(w - 1 - r, Math.max(r, bx + Math.floor((rng.next() * 2 - 1) * radius)));
        const y = Math.min(h - 1 - r, Math.max(r, by + Math.floor((rng.next() * 2 - 1) * radius)));
        const s = y * w + x;
        if (s === best || valid[s] === 0) continue;
        const d = patchDistance(img, w, h, c, r, p, s, bestCost);
        if (d < bestCost) {
          best = s;
          bestCost = d;
        }
      }
      nnf[p] = best;
      cost[p] = bestCost;
    }
    await pacer.tick();
  }
}
