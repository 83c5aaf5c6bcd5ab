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

/** How one level searches: the weights of its patch distance, and how far and how often it looks. */
export interface Search {
  /** Per-pixel confidence: 1 where known, falling into the hole. */
  weight: Float32Array;
  /** Largest random-search radius in pixels. */
  radius: number;
  /** Targets whose centre has at least this confidence lie on the hole's edge. */
  edgeConfidence: number;
  /** Random-search rounds for edge targets (others get one): their matches anchor the fill to its surroundings. */
  edgeRounds: number;
}

/**
 * Weighted SSD between the patch at target p and at source s, over every pixel of the
 * target patch that lies in the region. Hole pixels hold the current estimate, as in
 * Wexler's EM, but each pixel's squared difference is weighted by its confidence
 * (1 where known, γ^-distance into the hole), so a patch on the hole's edge is matched
 * by what is really there rather than by the current guess. Stops early once above
 * `cutoff`: most candidates lose quickly.
 */
export function patchDistance(img: Float32Array, weight: Float32Array, w: number, h: number, c: number, r: number, p: number, s: number, cutoff: number): number {
  const px = p % w;
  const py = (p - px) / w;
  const x0 = px - r < 0 ? -px : -r;
  const x1 = px + r >= w ? w - 1 - px : r;
  const y0 = py - r < 0 ? -py : -r;
  const y1 = py + r >= h ? h - 1 - py : r;
  const rowLen = x1 - x0 + 1;
  const shift = (s - p) * c;
  let sum = 0;
  for (let dy = y0; dy <= y1; dy++) {
    const first = (py + dy) * w + px + x0;
    let a = first * c;
    if (c === 3) {
      // Colour photos are the common case; the unrolled body is markedly faster than the channel loop.
      for (let i = first, stop = first + rowLen; i < stop; i++, a += 3) {
        const d0 = img[a]! - img[a + shift]!;
        const d1 = img[a + 1]! - img[a + 1 + shift]!;
        const d2 = img[a + 2]! - img[a + 2 + shift]!;
        sum += weight[i]! * (d0 * d0 + d1 * d1 + d2 * d2);
      }
    } else {
      for (let i = first, stop = first + rowLen; i < stop; i++) {
        let d2 = 0;
        for (let k = 0; k < c; k++, a++) {
          const d = img[a]! - img[a + shift]!;
          d2 += d * d;
        }
        sum += weight[i]! * d2;
      }
    }
    if (sum > cutoff) return sum;
  }
  return sum;
}

export function sourceList(valid: Uint8Array): Int32Array {
  return nonzeroIndices(valid);
}

/** Indices of the nonzero entries, without a growing JS array (a region's can run to millions). */
export function nonzeroIndices(flags: Uint8Array): Int32Array {
  let n = 0;
  for (let i = 0; i < flags.length; i++) if (flags[i] !== 0) n++;
  const out = new Int32Array(n);
  for (let i = 0, j = 0; i < flags.length; i++) if (flags[i] !== 0) out[j++] = i;
  return out;
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
export function refreshCosts(level: Level, field: Field, r: number, weight: Float32Array): void {
  const { img, w, h, c } = level;
  for (const p of field.targets) field.cost[p] = patchDistance(img, weight, w, h, c, r, p, field.nnf[p]!, Infinity);
}

/**
 * One PatchMatch sweep (Barnes et al. 2009 §3.2): propagation from the previous
 * neighbour in scan order (left and above, or right and below on reverse sweeps),
 * then random search in windows halving from the search radius (α = ½); targets on
 * the hole's edge repeat the random search.
 */
export async function patchMatchPass(
  level: Level,
  field: Field,
  sources: Sources,
  r: number,
  rng: Rng,
  reverse: boolean,
  search: Search,
  pacer: Pacer,
): Promise<void> {
  const { img, w, h, c } = level;
  const { targets, nnf, cost } = field;
  const valid = sources.valid;
  const step = reverse ? -1 : 1;
  const n = targets.length;
  const { weight, edgeConfidence, edgeRounds } = search;
  const maxRadius = Math.min(search.radius, Math.max(w, h));
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
        const d = patchDistance(img, weight, w, h, c, r, p, s, bestCost);
        if (d < bestCost) {
          best = s;
          bestCost = d;
        }
      }
      // Random search around the current best, at exponentially shrinking radii.
      const rounds = weight[p]! >= edgeConfidence ? edgeRounds : 1;
      for (let round = 0; round < rounds; round++) {
        const bx = best % w;
        const by = (best - bx) / w;
        for (let radius = maxRadius; radius >= 1; radius >>= 1) {
          const x = Math.min(w - 1 - r, Math.max(r, bx + Math.floor((rng.next() * 2 - 1) * radius)));
          const y = Math.min(h - 1 - r, Math.max(r, by + Math.floor((rng.next() * 2 - 1) * radius)));
          const s = y * w + x;
          if (s === best || valid[s] === 0) continue;
          const d = patchDistance(img, weight, w, h, c, r, p, s, bestCost);
          if (d < bestCost) {
            best = s;
            bestCost = d;
          }
        }
      }
      nnf[p] = best;
      cost[p] = bestCost;
    }
    await pacer.tick();
  }
}
