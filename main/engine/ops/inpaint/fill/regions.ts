import type { Box } from '../../../io/mask-box';

/** Beyond this many holes, pairwise merging is quadratic: use one region around all of them. */
const MAX_SEPARATE_HOLES = 256;

/**
 * Bounding boxes of the mask's 8-connected components. Works on runs of hole pixels
 * with union-find, so memory follows the number of runs, not the image size: a
 * 24 MP mask needs no 96 MB label image.
 */
export function holeComponents(mask: Uint8Array, width: number, height: number): Box[] {
  const start: number[] = [];
  const end: number[] = [];
  const row: number[] = [];
  const parent: number[] = [];
  const find = (i: number): number => {
    while (parent[i] !== i) {
      const up = parent[parent[i] as number] as number;
      parent[i] = up;
      i = up;
    }
    return i;
  };
  let prevFirst = 0;
  let prevLast = 0;
  for (let y = 0; y < height; y++) {
    const first = start.length;
    let j = prevFirst;
    const base = y * width;
    for (let x = 0; x < width; x++) {
      if (mask[base + x] === 0) continue;
      const a = x;
      while (x < width && mask[base + x] !== 0) x++;
      const id = start.length;
      start.push(a);
      end.push(x);
      row.push(y);
      parent.push(id);
      // 8-connectivity: a run above touches this one if it reaches one pixel past either end.
      while (j < prevLast && (end[j] as number) < a) j++;
      for (let k = j; k < prevLast && (start[k] as number) <= x; k++) {
        const ra = find(k);
        const rb = find(id);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
      }
    }
    prevFirst = first;
    prevLast = start.length;
  }
  const boxes = new Map<number, Box>();
  for (let i = 0; i < start.length; i++) {
    const root = find(i);
    const y = row[i] as number;
    const box = boxes.get(root);
    if (box === undefined) {
      boxes.set(root, { x0: start[i] as number, y0: y, x1: end[i] as number, y1: y + 1 });
    } else {
      box.x0 = Math.min(box.x0, start[i] as number);
      box.x1 = Math.max(box.x1, end[i] as number);
      box.y1 = y + 1;
    }
  }
  return [...boxes.values()];
}

/**
 * The work regions: each hole's box grown by a margin proportional to its size
 * (sources for the patch search come from around the hole), clamped to the image,
 * and merged while any two overlap, so every hole pixel lies in exactly one region
 * together with its whole component.
 */
export function fillRegions(holes: Box[], width: number, height: number, marginFactor: number, minMargin: number): Box[] {
  const grow = (b: Box): Box => {
    const margin = Math.max(minMargin, Math.ceil(marginFactor * Math.max(b.x1 - b.x0, b.y1 - b.y0)));
    return {
      x0: Math.max(0, b.x0 - margin),
      y0: Math.max(0, b.y0 - margin),
      x1: Math.min(width, b.x1 + margin),
      y1: Math.min(height, b.y1 + margin),
    };
  };
  if (holes.length > MAX_SEPARATE_HOLES) return [grow(union(holes))];
  const regions = holes.map(grow);
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i < regions.length && !merged; i++) {
      for (let j = i + 1; j < regions.length; j++) {
        if (!overlaps(regions[i] as Box, regions[j] as Box)) continue;
        regions[i] = union([regions[i] as Box, regions[j] as Box]);
        regions.splice(j, 1);
        merged = true;
        break;
      }
    }
  }
  return regions;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

function union(boxes: Box[]): Box {
  return {
    x0: Math.min(...boxes.map((b) => b.x0)),
    y0: Math.min(...boxes.map((b) => b.y0)),
    x1: Math.max(...boxes.map((b) => b.x1)),
    y1: Math.max(...boxes.map((b) => b.y1)),
  };
}
