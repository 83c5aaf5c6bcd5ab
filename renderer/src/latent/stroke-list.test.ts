import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../../preload/contract/latent';
import { addStroke, canRedoStroke, canUndoStroke, emptyStrokes, eraseAlong, redoStroke, undoStroke } from './stroke-list';

const line = (y: number, size = 2): Stroke => ({
  kind: 'colour', colour: '#ff0000', size, points: Array.from({ length: 11 }, (_, i) => ({ x: i * 10, y })),
});

describe('stroke list', () => {
  it('adds strokes and undoes them last first', () => {
    let list = addStroke(addStroke(emptyStrokes(), line(0)), line(50));
    expect(list.strokes).toHaveLength(2);
    list = undoStroke(list);
    expect(list.strokes).toEqual([line(0)]);
    list = undoStroke(list);
    expect(list.strokes).toEqual([]);
    expect(canUndoStroke(list)).toBe(false);
    expect(undoStroke(list)).toBe(list);
  });

  it('redoes undone strokes in order, and a new stroke or erase cuts the redo', () => {
    const drawn = addStroke(addStroke(emptyStrokes(), line(0)), line(50));
    const undone = undoStroke(undoStroke(drawn));
    expect(canRedoStroke(undone)).toBe(true);
    const once = redoStroke(undone);
    expect(once.strokes).toEqual([line(0)]);
    const twice = redoStroke(once);
    expect(twice.strokes).toEqual([line(0), line(50)]);
    expect(canRedoStroke(twice)).toBe(false);
    expect(redoStroke(twice)).toBe(twice);
    expect(undoStroke(twice).strokes).toEqual([line(0)]);
    expect(canRedoStroke(addStroke(undoStroke(drawn), line(100)))).toBe(false);
    expect(canRedoStroke(eraseAlong(undoStroke(drawn), [{ x: 0, y: 0 }], 3))).toBe(false);
    // A miss changes nothing, so the redo stays.
    expect(canRedoStroke(eraseAlong(undoStroke(drawn), [{ x: 0, y: 300 }], 3))).toBe(true);
  });

  it('ignores empty strokes', () => {
    const list = emptyStrokes();
    expect(addStroke(list, { kind: 'sketch', size: 3, points: [] })).toBe(list);
  });

  it('erases across a stroke by splitting it, and undo restores it whole', () => {
    const drawn = addStroke(emptyStrokes(), line(0));
    // A vertical eraser pass at x = 50, radius 4 (+1 for half the stroke): removes the point at 50 only.
    const erased = eraseAlong(drawn, [{ x: 50, y: -20 }, { x: 50, y: 20 }], 4);
    expect(erased.strokes).toHaveLength(2);
    expect(erased.strokes[0]?.points.map((p) => p.x)).toEqual([0, 10, 20, 30, 40]);
    expect(erased.strokes[1]?.points.map((p) => p.x)).toEqual([60, 70, 80, 90, 100]);
    expect(erased.strokes[1]?.colour).toBe('#ff0000');
    expect(undoStroke(erased).strokes).toEqual([line(0)]);
  });

  it('removes a stroke the eraser covers entirely; a miss changes nothing', () => {
    const drawn = addStroke(addStroke(emptyStrokes(), line(0)), line(100));
    const wiped = eraseAlong(drawn, [{ x: 0, y: 0 }, { x: 100, y: 0 }], 1);
    expect(wiped.strokes).toEqual([line(100)]);
    expect(eraseAlong(drawn, [{ x: 0, y: 40 }], 5)).toBe(drawn);
  });

  it('counts the stroke size in the reach', () => {
    const drawn = addStroke(emptyStrokes(), line(0, 20));
    expect(eraseAlong(drawn, [{ x: 50, y: 12 }], 3).strokes).toHaveLength(2);
  });
});
