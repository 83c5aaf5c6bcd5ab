/**
 * Estimates seconds left from the fraction done. It waits for a little evidence before
 * guessing, and smooths so the number does not jump around between updates.
 */
export class EtaEstimator {
  private startedAt = 0;
  private smoothed: number | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  start(): void {
    this.startedAt = this.now();
    this.smoothed = undefined;
  }

  update(fraction: number): number | undefined {
    const elapsed = (this.now() - this.startedAt) / 1000;
    if (fraction >= 1) return 0;
    if (fraction < 0.02 || elapsed < 0.25) return undefined;
    const raw = (elapsed * (1 - fraction)) / fraction;
    this.smoothed = this.smoothed === undefined ? raw : 0.7 * this.smoothed + 0.3 * raw;
    return Math.max(0, Math.round(this.smoothed * 10) / 10);
  }
}
