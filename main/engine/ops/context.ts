import { LatentshopError } from '../../../preload/contract/errors';

/** What every long operation receives: a cancel signal and a progress sink. */
export interface OpContext {
  signal: AbortSignal;
  /**
   * fraction 0–1 of the whole operation; stage is a short name such as "resize";
   * previewUrl, when given, is a small data URL of the partial result (latent tools).
   */
  progress(fraction: number, stage: string, previewUrl?: string): void;
}

export function cancelledError(): LatentshopError {
  return LatentshopError.of('cancelled', {});
}

export function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledError();
}

/**
 * Settles with `work`, or rejects with CANCELLED as soon as `signal` aborts. Native
 * work (a libvips call) cannot be interrupted; it finishes in the background and its
 * result is dropped, so the caller is free within milliseconds rather than seconds.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => undefined);
    return Promise.reject(cancelledError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** A context that never cancels and ignores progress, for scripts and tests. */
export function quietContext(): OpContext {
  return { signal: new AbortController().signal, progress: () => undefined };
}

/** Maps a sub-operation's 0–1 progress into [start, end] of the parent's. */
export function subContext(ctx: OpContext, start: number, end: number): OpContext {
  return { signal: ctx.signal, progress: (fraction, stage, previewUrl) => ctx.progress(start + (end - start) * fraction, stage, previewUrl) };
}
