import type { OpContext } from '../../engine/ops/context';
import type { CliStream } from '../args';
import { createProgress } from '../progress';

export interface LatentProgress extends OpContext {
  /** Names the steps that follow ("invert", "constrain"): the engine calls them all "iteration k/n". */
  phase(name: string): void;
  end(): void;
}

/**
 * The engine's latent jobs report a stage per step ("iteration 12/150, loss 0.0123") and a
 * "preview" every 10, for the app's panel. createProgress prints a line whenever the stage
 * changes, so those would print a line per step: here a step's stage becomes the phase's
 * name, previews (images, of no use on a terminal) are ignored, and lines come per stage and
 * per 10%.
 */
export function latentProgress(stream: CliStream, forced: boolean | undefined): LatentProgress {
  const report = createProgress(stream, forced === true || stream.isTTY === true);
  let phase = 'invert';
  return {
    signal: new AbortController().signal,
    progress: (fraction, stage) => {
      // The invert job sends its previews under a stage of their own; the constrain job's come with a step's report.
      if (stage === 'preview') return;
      report(fraction, /^(iteration|invert) \d+\/\d+/.test(stage) ? phase : stage);
    },
    phase: (name) => void (phase = name),
    end: () => report.end(),
  };
}
