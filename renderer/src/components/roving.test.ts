import { describe, expect, it } from 'vitest';
import { rovingTarget } from './roving';

describe('rovingTarget', () => {
  it('steps with the arrows, wraps at both ends, and jumps with Home and End', () => {
    expect(rovingTarget('ArrowRight', 1, 4)).toBe(2);
    expect(rovingTarget('ArrowDown', 3, 4)).toBe(0);
    expect(rovingTarget('ArrowLeft', 0, 4)).toBe(3);
    expect(rovingTarget('ArrowUp', 2, 4)).toBe(1);
    expect(rovingTarget('Home', 2, 4)).toBe(0);
    expect(rovingTarget('End', 0, 4)).toBe(3);
  });

  it('leaves other keys, and an empty list, alone', () => {
    expect(rovingTarget('Enter', 1, 4)).toBeUndefined();
    expect(rovingTarget('ArrowRight', 0, 0)).toBeUndefined();
    // From nowhere (-1: focus not on an item), Down goes to the first.
    expect(rovingTarget('ArrowDown', -1, 3)).toBe(0);
  });
});
