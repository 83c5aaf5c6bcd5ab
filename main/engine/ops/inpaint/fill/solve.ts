import { holeDistance, maxDistance } from './distance';
import { onionPeel } from './init';
import { downsample, type Level, upsampleHole } from './level';
import type { Pacer } from './pacer';
import { type Field, patchMatchPass, randomField, refreshCosts, type Sources, sourceList, upsampleField } from './patchmatch';
import type { Rng } from './rng';
import { poissonSolve } from './poisson';
import { holeIntegral, targetCentres, validSources } from './sources';
import { confidence, holeList, vote, voteBuffers } from './vote';

export interface SolveOptions {
  /** Patch radius: 3 gives Barnes' and Wexler's 7×7 patches. */
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
 * Pull of the voted colours in the Poisson step. Measured on the bench photos: 0.02
 * let colours drift in large textured holes (grass, brick), 0.05 did not, and still
 * continues gradients.
 */
const SCREENING = 0.05;
/** Largest random-search window on the two finest levels, in pixels. */
const FINE_SEARCH_RADIUS = 64;

interface Plan {
  level: Level;
  sources: Sources;
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
  const r = opts.radius;
  const plans = pyramid(finest, r);
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
    const { level, sources, emSteps, passes, cgIterations, searchRadius } = plans[index]!;
    const targets = targetCentres(holeIntegral(level.hole, level.w, level.h), level.w, level.h, r);
    if (coarser === undefined || field === undefined) {
      onionPeel(level, 20);
      field = randomField(level, targets, sources, opts.rng);
    } else {
      upsampleHole(coarser, level);
      field = upsampleField(field, coarser.w, coarser.h, level, targets, sources, opts.rng);
    }
    const holes = holeList(level.hole);
    const conf = confidence(holeDistance(level.hole, level.w, level.h));
    const buffers = voteBuffers(level);
    const stage = `fill ${plans.length - index}/${plans.length}`;
    for (let step = 0; step < emSteps; step++) {
      refreshCosts(level, field, r);
      for (let pass = 0; pass < passes; pass++) {
        await patchMatchPass(level, field, sources, r, opts.rng, (step + pass) % 2 === 1, searchRadius, opts.pacer);
      }
      const sharpness = index === 0 && step === emSteps - 1 ? FINAL_SHARPNESS : 1;
      await vote(level, field, holes, conf, r, buffers, sharpness, opts.pacer);
      await poissonSolve(level, holes, buffers.lap, buffers.acc, SCREENING, cgIterations, opts.pacer);
      done += (passes + 1) * level.w * level.h;
      opts.report(done / total, stage);
    }
    coarser = level;
  }
}

/** Levels from finest (index 0) to coarsest, each with enough whole source patches, and their iteration counts. */
function pyramid(finest: Level, r: number): Plan[] {
  const levels: { level: Level; sources: Sources }[] = [];
  let level = finest;
  for (;;) {
    const { valid, count } = validSources(holeIntegral(level.hole, level.w, level.h), level.w, level.h, r);
    if (count < (levels.length === 0 ? 1 : MIN_SOURCES)) break;
    levels.push({ level, sources: { valid, list: sourceList(valid) } });
    if (maxDistance(holeDistance(level.hole, level.w, level.h)) <= COARSEST_HOLE_RADIUS) break;
    if (Math.min(level.w, level.h) < 8 * r) break;
    level = downsample(level);
  }
  const last = levels.length - 1;
  return levels.map(({ level: l, sources }, i) => ({
    level: l,
    sources,
    // Coarse levels are cheap and decide the structure, so they get more EM steps.
    emSteps: i === last ? 8 : i <= 1 ? 2 : 3,
    passes: i <= 1 ? 1 : 2,
    // Finer levels start from the upsampled solution, so their CG only has local detail to settle.
    cgIterations: i === last ? 60 : i <= 1 ? 10 : 25,
    // Coarse levels did the global search (Barnes §3.3); fine ones only refine locally.
    searchRadius: i <= 1 ? FINE_SEARCH_RADIUS : Infinity,
  }));
}
