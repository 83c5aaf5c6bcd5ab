/** Progress lines with rate and ETA on stderr (stdout stays free for results). */
export class Progress {
  private readonly t0 = Date.now();
  private readonly startStep: number;

  constructor(private readonly label: string, private readonly total: number, startStep = 0) {
    this.startStep = startStep;
  }

  /** Seconds per step over this session (resumed steps excluded). */
  rate(step: number): number {
    const done = step - this.startStep;
    return done > 0 ? (Date.now() - this.t0) / 1000 / done : 0;
  }

  report(step: number, extra: Record<string, number> = {}): void {
    const rate = this.rate(step);
    const eta = rate * (this.total - step);
    const fields = Object.entries(extra).map(([k, v]) => `${k}=${v.toFixed(4)}`).join(' ');
    process.stderr.write(`[${this.label}] ${step}/${this.total} ${(100 * step / this.total).toFixed(1)}% ` +
      `${rate.toFixed(3)} s/step ETA ${formatDuration(eta)} ${fields}\n`);
  }
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : `${m}m${String(s % 60).padStart(2, '0')}s`;
}
