/**
 * Timing helpers for interactive previews, pure and injectable so tests drive the clock.
 * Slider moves fire far faster than the engine answers; these keep the UI on the newest value.
 */
export type Scheduler = (run: () => void) => void;

const nextFrame: Scheduler = (run) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => run());
  else setTimeout(run, 16);
};

export interface LatestRequester<A> {
  /** Asks for a result for these arguments; earlier asks not yet sent are replaced. */
  push(args: A): void;
  /** Drops whatever is pending or in flight (e.g. the session ended). */
  invalidate(): void;
}

/**
 * At most one request in flight, sent on the next animation frame with the newest arguments;
 * values pushed meanwhile collapse into one follow-up. While a slider is dragged, each answer is
 * shown as it comes (progressive), but an answer older than one already shown, or from before
 * `invalidate()`, is dropped, so a stale preview never overwrites a newer one.
 */
export function latestRequester<A, R>(
  request: (args: A) => Promise<R>,
  deliver: (result: R, args: A) => void,
  onError: (error: unknown) => void = () => undefined,
  schedule: Scheduler = nextFrame,
): LatestRequester<A> {
  let pending: { args: A } | null = null;
  let inFlight = false;
  let scheduled = false;
  let epoch = 0;
  let sentSeq = 0;
  let shownSeq = 0;

  const send = (): void => {
    scheduled = false;
    if (inFlight || !pending) return;
    const { args } = pending;
    pending = null;
    inFlight = true;
    const sentEpoch = epoch;
    const seq = (sentSeq += 1);
    request(args)
      .then((result) => {
        if (sentEpoch !== epoch || seq <= shownSeq) return;
        shownSeq = seq;
        deliver(result, args);
      })
      .catch((error: unknown) => {
        if (sentEpoch === epoch) onError(error);
      })
      .finally(() => {
        inFlight = false;
        kick();
      });
  };
  const kick = (): void => {
    if (scheduled || inFlight || !pending) return;
    scheduled = true;
    schedule(send);
  };

  return {
    push(args) {
      pending = { args };
      kick();
    },
    invalidate() {
      epoch += 1;
      pending = null;
    },
  };
}

export interface Debounced {
  (): void;
  cancel(): void;
}

/** Runs `fn` once calls have been quiet for `ms` (e.g. 100 ms after the last stroke). */
export function debounce(
  fn: () => void,
  ms: number,
  timers: { set: (run: () => void, ms: number) => unknown; clear: (id: unknown) => void } = {
    set: (run, wait) => setTimeout(run, wait),
    clear: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  },
): Debounced {
  let id: unknown = null;
  const call = (() => {
    if (id !== null) timers.clear(id);
    id = timers.set(() => {
      id = null;
      fn();
    }, ms);
  }) as Debounced;
  call.cancel = () => {
    if (id !== null) timers.clear(id);
    id = null;
  };
  return call;
}
