/**
 * Estimates seconds left from the fraction done. The rate is measured from the first report
 * with work done, so a job's setup (decoding a 24 MP photo and its mask before the first
 * percent) is not taken for its pace: a fill that finished in a second said "ETA 01:41". It
 * waits for a little evidence before guessing, and smooths so the number does not jump around.
 */
export class EtaEstimator {
  /** When the work began to move, and how far it was then. */
  private moving: { at: number; fraction: number } | undefined;
  private smoothed: number | undefined;

  constructor(private readonly now: () => number = () => performance.now()) {}

  start(): void {
    this.moving = undefined;
    this.smoothed = undefined;
  }

  update(fraction: number): number | undefined {
    if (fraction >= 1) return 0;
    const now = this.now();
    if (fraction <= 0) return undefined;
    this.moving ??= { at: now, fraction };
    const done = fraction - this.moving.fraction;
    const elapsed = (now - this.moving.at) / 1000;
    if (done < 0.02 || elapsed < 0.25) return undefined;
    const raw = (elapsed * (1 - fraction)) / done;
    this.smoothed = this.smoothed === undefined ? raw : 0.7 * this.smoothed + 0.3 * raw;
    return Math.max(0, Math.round(this.smoothed * 10) / 10);
  }
}
