import { describe, expect, it } from 'vitest';
import { debounce, latestRequester } from './schedule';

/** A manual frame clock and hand-resolved requests. */
function harness() {
  const frames: Array<() => void> = [];
  const calls: Array<{ args: number; resolve: (r: string) => void; reject: (e: unknown) => void }> = [];
  const shown: string[] = [];
  const errors: unknown[] = [];
  const req = latestRequester<number, string>(
    (args) => new Promise((resolve, reject) => calls.push({ args, resolve, reject })),
    (result) => shown.push(result),
    (e) => errors.push(e),
    (run) => frames.push(run),
  );
  const frame = (): void => frames.splice(0).forEach((run) => run());
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { req, frames, calls, shown, errors, frame, settle };
}

describe('latestRequester', () => {
  it('sends once per frame with the newest value', () => {
    const h = harness();
    h.req.push(1);
    h.req.push(2);
    h.req.push(3);
    expect(h.calls).toHaveLength(0);
    h.frame();
    expect(h.calls.map((c) => c.args)).toEqual([3]);
  });

  it('keeps one request in flight and follows up with the latest', async () => {
    const h = harness();
    h.req.push(1);
    h.frame();
    h.req.push(2);
    h.req.push(3);
    h.frame();
    expect(h.calls).toHaveLength(1);
    h.calls[0]?.resolve('r1');
    await h.settle();
    expect(h.shown).toEqual(['r1']); // Progressive: shown even though 3 is pending.
    h.frame();
    expect(h.calls.map((c) => c.args)).toEqual([1, 3]);
    h.calls[1]?.resolve('r3');
    await h.settle();
    expect(h.shown).toEqual(['r1', 'r3']);
  });

  it('drops answers and errors from before invalidate', async () => {
    const h = harness();
    h.req.push(1);
    h.frame();
    h.req.invalidate();
    h.calls[0]?.resolve('old');
    await h.settle();
    expect(h.shown).toEqual([]);
    h.req.push(2);
    h.frame();
    h.calls[1]?.reject(new Error('x'));
    await h.settle();
    expect(h.errors).toHaveLength(1);
  });
});

describe('debounce', () => {
  it('runs once after the last call', () => {
    let now = 0;
    const timers = new Map<number, { at: number; run: () => void }>();
    let nextId = 1;
    const clock = {
      set: (run: () => void, ms: number) => (timers.set(nextId, { at: now + ms, run }), nextId++),
      clear: (id: unknown) => void timers.delete(id as number),
    };
    const advance = (ms: number): void => {
      now += ms;
      for (const [id, t] of [...timers]) if (t.at <= now) (timers.delete(id), t.run());
    };
    let runs = 0;
    const d = debounce(() => (runs += 1), 100, clock);
    d();
    advance(60);
    d();
    advance(60);
    expect(runs).toBe(0);
    advance(40);
    expect(runs).toBe(1);
    d();
    d.cancel();
    advance(200);
    expect(runs).toBe(1);
  });
});
