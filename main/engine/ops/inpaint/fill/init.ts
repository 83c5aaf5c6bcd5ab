import type { Level } from './level';

/**
 * Initial guess for the coarsest hole (Wexler et al. 2007 §4 start from a smooth
 * guess): onion-peel, filling ring by ring from the boundary inwards with the mean of
 * already-known 8-neighbours, then a few Gauss–Seidel sweeps of Laplace smoothing so
 * the peel's streaks do not bias the first patch search. Also the fallback when a
 * region has no whole source patch at all.
 */
export function onionPeel(level: Level, smoothSweeps: number): void {
  const { w, h, hole } = level;
  const done = new Uint8Array(w * h);
  let frontier: number[] = [];
  const holes: number[] = [];
  for (let p = 0; p < w * h; p++) {
    if (hole[p] === 0) done[p] = 1;
    else holes.push(p);
  }
  for (const p of holes) if (hasDoneNeighbour(done, w, h, p)) frontier.push(p);
  while (frontier.length > 0) {
    // Values come from pixels done before this ring, so a ring is filled symmetrically.
    for (const p of frontier) averageNeighbours(level, done, p);
    for (const p of frontier) done[p] = 1;
    const next: number[] = [];
    for (const p of frontier) {
      forNeighbours(w, h, p, (q) => {
        if (done[q] === 0) {
          done[q] = 2;
          next.push(q);
        }
      });
    }
    for (const q of next) done[q] = 0;
    frontier = next;
  }
  for (let sweep = 0; sweep < smoothSweeps; sweep++) {
    for (const p of holes) averageNeighbours(level, done, p);
  }
}

function hasDoneNeighbour(done: Uint8Array, w: number, h: number, p: number): boolean {
  let found = false;
  forNeighbours(w, h, p, (q) => {
    if (done[q] === 1) found = true;
  });
  return found;
}

function averageNeighbours(level: Level, done: Uint8Array, p: number): void {
  const { w, h, c, img } = level;
  let n = 0;
  const sum = new Float64Array(c);
  forNeighbours(w, h, p, (q) => {
    if (done[q] !== 1) return;
    n++;
    for (let k = 0; k < c; k++) sum[k] = sum[k]! + img[q * c + k]!;
  });
  if (n > 0) for (let k = 0; k < c; k++) img[p * c + k] = sum[k]! / n;
}

function forNeighbours(w: number, h: number, p: number, visit: (q: number) => void): void {
  const x = p % w;
  const y = (p - x) / w;
  for (let dy = -1; dy <= 1; dy++) {
    const yy = y + dy;
    if (yy < 0 || yy >= h) continue;
    for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx;
      if ((dx === 0 && dy === 0) || xx < 0 || xx >= w) continue;
      visit(yy * w + xx);
    }
  }
}
