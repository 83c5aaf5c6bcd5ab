/** The p-quantile (0–1) of ascending `sorted` by nearest rank; NaN when empty. */
export const percentile = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;

/** The arithmetic mean; 0 when empty (a bench with no cases reports 0, not NaN). */
export const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);
