import { holeDistance, maxDistance } from './distance';
import { onionPeel } from './init';
import { downsample, type Level, upsampleHole } from './level';
import type { Pacer } from './pacer';
import { type Field, patchMatchPass, randomField, refreshCosts, type Sources, sourceList, upsampleField } from './patchmatch';
import type { Rng } from './rng';
import { poissonSolve, poissonSystem } from './poisson';
import { holeIntegral, targetCentres, validSources } from './sources';
import { confidence, confidenceAt, holeList, vote, voteBuffers } from './vote';

export interface SolveOptions {
  /** Patch radius at the finest scale: 3 gives Barnes' and Wexler's 7×7 patches. Coarser scales use one more. */
  radius: number;
  rng: Rng;
  pacer: Pacer;
  /** Called after each EM step with the region's 0–1 progress. */
  report(fraction: number, stage: string): void;
}

/** Stop coarsening once the hole is this thin (in pixels from its edge): a 7×7 patch then spans it. */
const COARSEST_HOLE_RADIUS = 3;
/** Below this many whole source patches a level has too little to copy from. */
const MIN_SOURCES = 32;
/**
 * Final vote's kernel narrowing (>1 averages disagreeing patches less). Measured on the
 * bench photos: 4 gave slightly lower in-hole SSIM than 1, so it is off.
 */
const FINAL_SHARPNESS = 1;
/**
 * Pull of the voted colours in the Poisson step. Voted Laplacians that disagree
 * with each other (patches that place an edge a pixel apart) bleed light into the
 * hole, as far as about 1/√λ pixels: the rocket's white body glowed into the sky at
 * 0.05. 0.15 keeps that within ~2.6 px and still continues gradients; 0.5 lost detail.
 */
const SCREENING = 0.15;
/** Largest random-search window on the two finest levels, in pixels. */
const FINE_SEARCH_RADIUS = 64;
/**
 * Beyond this many hole pixels (a 256² hole), the two finest levels get one EM step
 * instead of two. At the finest, the second step raised the bench's mean in-hole SSIM
 * by only ~0.002; on a 24 MP photo's 490² hole the second steps cost about 40 % of the
 * whole fill and did not change its SSIM (0.797 either way).
 */
const LARGE_HOLE = 1 << 16;
/** Random-search rounds for targets within a patch radius of the known pixels. */
const EDGE_ROUNDS = 3;

interface Plan {
  level: Level;
  /** Patch radius at this level. */
  radius: number;
  sources: Sources;
  /** The hole's summed-area table and distance map, which the pyramid needed anyway. */
  integral: Int32Array;
  distance: Float32Array;
  emSteps: number;
  passes: number;
  cgIterations: number;
  searchRadius: number;
}

/**
 * Multi-scale completion of one region (Wexler et al. 2007 §4): build the pyramid,
 * onion-peel the coarsest hole, then at each scale alternate PatchMatch (E-step,
 * Barnes et al. 2009) and weighted voting (M-step), carrying both the image and the
 * nearest-neighbour field up to the next scale. Writes the hole of `finest` in place.
 */
export async function solveRegion(finest: Level, opts: SolveOptions): Promise<void> {
  const plans = pyramid(finest, opts.radius);
  if (plans.length === 0) {
    // No whole source patch anywhere in the region: smooth diffusion is all we can do.
    onionPeel(finest, 50);
    return;
  }
  const total = plans.reduce((sum, p) => sum + p.emSteps * (p.passes + 1) * Math.max(1, p.level.w * p.level.h), 0);
  let done = 0;
  let field: Field | undefined;
  let coarser: Level | undefined;
  for (let index = plans.length - 1; index >= 0; index--) {
    const { level, radius: r, sources, integral, distance, emSteps, passes, cgIterations, searchRadius } = plans[index]!;
    const targets = targetCentres(integral, level.w, level.h, r);
    if (coarser === undefined || field === undefined) {
      onionPeel(level, 20);
      field = randomField(level, targets, sources, opts.rng);
    } else {
      upsampleHole(coarser, level);
      field = upsampleField(field, coarser.w, coarser.h, level, targets, sources, opts.rng);
    }
    const holes = holeList(level.hole);
    const conf = confidence(distance);
    const search = { weight: conf, radius: searchRadius, edgeConfidence: confidenceAt(r), edgeRounds: EDGE_ROUNDS };
    const buffers = voteBuffers(level);
    const system = poissonSystem(level, holes);
    const stage = `fill ${plans.length - index}/${plans.length}`;
    for (let step = 0; step < emSteps; step++) {
      refreshCosts(level, field, r, conf);
      for (let pass = 0; pass < passes; pass++) {
        await patchMatchPass(level, field, sources, r, opts.rng, (step + pass) % 2 === 1, search, opts.pacer);
      }
      const sharpness = index === 0 && step === emSteps - 1 ? FINAL_SHARPNESS : 1;
      await vote(level, field, holes, conf, r, buffers, sharpness, opts.pacer);
      await poissonSolve(level, holes, buffers.lap, buffers.acc, SCREENING, cgIterations, opts.pacer, system);
      done += (passes + 1) * level.w * level.h;
      opts.report(done / total, stage);
    }
    coarser = level;
  }
}

function countHoles(level: Level): number {
  let n = 0;
  for (let i = 0; i < level.hole.length; i++) n += level.hole[i]!;
  return n;
}

/** Levels from finest (index 0) to coarsest, each with enough whole source patches, and their iteration counts. */
function pyramid(finest: Level, r: number): Plan[] {
  const levels: Pick<Plan, 'level' | 'radius' | 'sources' | 'integral' | 'distance'>[] = [];
  let level = finest;
  for (;;) {
    // Coarse levels decide the structure: a larger patch sees more of it (and is cheap there).
    const radius = levels.length === 0 ? r : r + 1;
    const integral = holeIntegral(level.hole, level.w, level.h);
    const { valid, count } = validSources(integral, level.w, level.h, radius);
    if (count < (levels.length === 0 ? 1 : MIN_SOURCES)) break;
    const distance = holeDistance(level.hole, level.w, level.h);
    levels.push({ level, radius, sources: { valid, list: sourceList(valid) }, integral, distance });
    if (maxDistance(distance) <= COARSEST_HOLE_RADIUS) break;
    if (Math.min(level.w, level.h) < 8 * r) break;
    level = downsample(level);
  }
  const last = levels.length - 1;
  const large = countHoles(finest) > LARGE_HOLE;
  return levels.map((found, i) => ({
    ...found,
    // Coarse levels are cheap and decide the structure, so they get more EM steps. The
    // two finest cost more than all the others together: for a large hole they refine
    // the upsampled answer once.
    emSteps: i === last ? 8 : i <= 1 ? (large ? 1 : 2) : 3,
    passes: i <= 1 ? 1 : 2,
    // Finer levels start from the upsampled solution, so their CG only has local detail to settle.
    cgIterations: i === last ? 60 : i <= 1 ? 10 : 25,
    // Coarse levels did the global search (Barnes §3.3); fine ones only refine locally.
    searchRadius: i <= 1 ? FINE_SEARCH_RADIUS : Infinity,
  }));
}
