/**
 * Roving focus for a row or list of options (tabs, a menu, a gallery; WAI-ARIA's composite
 * widgets): the index a key moves to, wrapping at the ends, or undefined for a key that does
 * not move. Arrow keys step, Home and End jump.
 */
export function rovingTarget(key: string, at: number, count: number): number | undefined {
  const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1, Home: 0, End: count - 1 }[key];
  return next === undefined || count === 0 ? undefined : (next + count) % count;
}
