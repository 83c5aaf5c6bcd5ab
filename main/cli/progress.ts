import type { CliStream } from './args';

export interface ProgressReporter {
  (fraction: number, stage: string): void;
  /** Ends the line a TTY progress display is drawing on. */
  end(): void;
}

/**
 * Progress for people, on stderr: one redrawn line on a terminal, or (with
 * --progress into a pipe or log) a line per stage and per 10%.
 */
export function createProgress(stream: CliStream, enabled: boolean): ProgressReporter {
  let lastStage = '';
  let lastPercent = -100;
  let drawn = false;
  const report = (fraction: number, stage: string): void => {
    if (!enabled) return;
    const percent = Math.round(Math.min(1, Math.max(0, fraction)) * 100);
    if (stream.isTTY) {
      stream.write(`\r${stage.padEnd(8)} ${String(percent).padStart(3)}%`);
      drawn = true;
    } else if (stage !== lastStage || percent - lastPercent >= 10 || (percent === 100 && lastPercent !== 100)) {
      stream.write(`${stage} ${percent}%\n`);
    } else {
      return;
    }
    lastStage = stage;
    lastPercent = percent;
  };
  return Object.assign(report, {
    end: () => {
      if (drawn) stream.write('\n');
      drawn = false;
    },
  });
}
