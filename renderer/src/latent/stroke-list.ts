import type { Stroke } from '../../../preload/contract/latent';
import { distToPath, type Point2 } from './geometry';

/**
 * The painted constraints with their own undo and redo, kept pure for tests. Every change that
 * alters the list pushes the previous list, so undo restores erased pieces as well as removing
 * new strokes; undo keeps what it took in `future` for redo, until the next change cuts it.
 */
export interface StrokeList {
  readonly strokes: readonly Stroke[];
  readonly past: ReadonlyArray<readonly Stroke[]>;
  readonly future: ReadonlyArray<readonly Stroke[]>;
}

export function emptyStrokes(): StrokeList {
  return { strokes: [], past: [], future: [] };
}

export function addStroke(list: StrokeList, stroke: Stroke): StrokeList {
  if (stroke.points.length === 0) return list;
  return { strokes: [...list.strokes, stroke], past: [...list.past, list.strokes], future: [] };
}

/**
 * Erases along a path: points of any stroke whose dab touches the eraser (radius plus half the
 * stroke's own size) are removed, splitting the stroke where the eraser crossed it. Unchanged
 * lists are returned as they were, so a miss leaves nothing on the undo stack.
 */
export function eraseAlong(list: StrokeList, path: readonly Point2[], radius: number): StrokeList {
  if (path.length === 0) return list;
  let changed = false;
  const next: Stroke[] = [];
  for (const stroke of list.strokes) {
    const reach = radius + stroke.size / 2;
    const keep = stroke.points.map((p) => distToPath(p, path) > reach);
    if (keep.every(Boolean)) {
      next.push(stroke);
      continue;
    }
    changed = true;
    let run: Point2[] = [];
    const flush = (): void => {
      if (run.length > 0) next.push({ ...stroke, points: run });
      run = [];
    };
    stroke.points.forEach((p, i) => (keep[i] ? run.push(p) : flush()));
    flush();
  }
  return changed ? { strokes: next, past: [...list.past, list.strokes], future: [] } : list;
}

export function canUndoStroke(list: StrokeList): boolean {
  return list.past.length > 0;
}

export function undoStroke(list: StrokeList): StrokeList {
  const previous = list.past[list.past.length - 1];
  return previous ? { strokes: previous, past: list.past.slice(0, -1), future: [...list.future, list.strokes] } : list;
}

export function canRedoStroke(list: StrokeList): boolean {
  return list.future.length > 0;
}

export function redoStroke(list: StrokeList): StrokeList {
  const next = list.future[list.future.length - 1];
  return next ? { strokes: next, past: [...list.past, list.strokes], future: list.future.slice(0, -1) } : list;
}
