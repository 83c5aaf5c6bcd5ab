import { throwIfCancelled } from '../../context';

/** How long a synchronous stretch may run before the event loop gets a turn. */
const SLICE_MS = 40;

/**
 * The fill is plain synchronous arithmetic, so a cancel message could never be
 * delivered while it runs. Hot loops call `tick()` between chunks: every ~40 ms it
 * yields to the event loop (so the abort is seen) and then checks the signal, which
 * keeps cancel well under the contract's one second.
 */
export class Pacer {
  private last = performance.now();

  constructor(private readonly signal: AbortSignal) {}

  async tick(): Promise<void> {
    const now = performance.now();
    if (now - this.last < SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.last = performance.now();
    throwIfCancelled(this.signal);
  }
}
