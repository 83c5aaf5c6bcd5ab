import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ConstrainResult, Stroke } from '../../../preload/contract';
import { pathTouchesRect, type Point2 } from '../latent/geometry';
import { PARKED_SESSIONS } from '../latent/parked-sessions';
import { debounce } from '../latent/schedule';
import * as sl from '../latent/stroke-list';
import { useJobsStore } from './jobs';
import { useLatentStore } from './latent';
import { runJob } from './run-job';

export type PaintTool = 'brush' | 'sketch' | 'eraser' | 'eyedropper';

/** What a constrain run was given: its result is good only while these are still the inputs. */
interface ResultInputs {
  /** The stroke array itself: every change makes a new one, and undo brings the earlier one back. */
  strokes: readonly Stroke[];
  stayClose: number;
  realism: number;
}

interface KeptPaint {
  list: sl.StrokeList;
  result: ConstrainResult | null;
  resultFor: ResultInputs | null;
  candidate: number;
  interpolation: number;
  /** A run was following the strokes when the session was put aside: it may have rewritten the engine's candidates. */
  wasFollowing: boolean;
}

/** The contract's defaults (ConstrainJobSpec): λ1 "stay close" and λ2 "realism". */
export const DEFAULT_STAY_CLOSE = 0.05;
export const DEFAULT_REALISM = 0.1;
/** Quiet time after the last stroke before a constrain job starts. */
export const CONSTRAIN_DEBOUNCE_MS = 100;

/**
 * iGAN-style constrained editing (issue 5): strokes with their own undo, one interruptible
 * constrain job at a time on the latent session, and the candidates it returns.
 */
export const usePaintStore = defineStore('paint', () => {
  const latent = useLatentStore();
  const jobs = useJobsStore();
  const tool = ref<PaintTool>('brush');
  const colour = ref('#ff0000');
  /** Brush diameter in photo pixels. */
  const size = ref(12);
  const stayClose = ref(DEFAULT_STAY_CLOSE);
  const realism = ref(DEFAULT_REALISM);
  const list = shallowRef<sl.StrokeList>(sl.emptyStrokes());
  const result = shallowRef<ConstrainResult | null>(null);
  const candidate = ref(0);
  /** 0 = the inverted z0, 1 = the constrained z*. */
  const interpolation = ref(1);
  const constraining = ref(false);
  /** A constrain run is due once the strokes settle (the pause after a change). */
  const waiting = ref(false);
  /** True from a change of strokes or weights until the run that follows it ends: the candidates shown are older. */
  const following = computed(() => waiting.value || constraining.value);
  /** The last stroke lay wholly outside the session's region, so it was not added. */
  const refusedOutside = ref(false);
  const strokes = computed(() => list.value.strokes);
  const resultFor = shallowRef<ResultInputs | null>(null);
  /** Whether the candidates were computed for exactly the strokes and weights now set. */
  const fresh = computed(() => {
    const inputs = resultFor.value;
    return inputs !== null && inputs.strokes === strokes.value && inputs.stayClose === stayClose.value && inputs.realism === realism.value;
  });
  /** Apply takes the candidates only when they follow every stroke (never those of a run still catching up). */
  const appliable = computed(() => result.value !== null && fresh.value && !following.value);
  let jobId: string | null = null;
  let runSeq = 0;
  let eraseBase: sl.StrokeList | null = null;

  function cancelRunning(): void {
    runSeq += 1; // Whatever the running job returns is now stale.
    if (jobId) void jobs.cancel(jobId);
    jobId = null;
    constraining.value = false;
  }

  async function constrain(): Promise<void> {
    cancelRunning();
    const session = latent.session;
    const current = strokes.value;
    if (!session || current.length === 0) return setResult(null, null);
    const seq = runSeq;
    constraining.value = true;
    const inputs: ResultInputs = { strokes: current, stayClose: stayClose.value, realism: realism.value };
    const spec = { op: 'constrain' as const, sessionId: session.sessionId, strokes: [...current], stayClose: inputs.stayClose, realism: inputs.realism };
    try {
      // The engine warm-starts from the session's current z*; we always send every stroke.
      const out = await runJob(spec, (id) => (seq === runSeq ? (jobId = id) : void jobs.cancel(id)));
      if (seq !== runSeq || out.kind !== 'constrained') return;
      setResult(out, inputs);
      candidate.value = 0;
      interpolation.value = 1;
    } catch {
      // Cancelled by a newer stroke, or failed (toasted by the job's error event).
    } finally {
      if (seq === runSeq) {
        constraining.value = false;
        jobId = null;
      }
    }
  }
  const debounced = debounce(() => {
    waiting.value = false;
    void constrain();
  }, CONSTRAIN_DEBOUNCE_MS);
  function scheduleConstrain(): void {
    waiting.value = true;
    debounced();
  }
  function cancelScheduled(): void {
    waiting.value = false;
    debounced.cancel();
  }

  function setResult(next: ConstrainResult | null, inputs: ResultInputs | null): void {
    resultFor.value = inputs;
    result.value = next;
  }

  function changed(next: sl.StrokeList): void {
    if (next === list.value) return;
    list.value = next;
    refusedOutside.value = false;
    cancelRunning(); // A new stroke interrupts the running job at once; the next starts after the pause.
    scheduleConstrain();
  }

  /**
   * Adds a finished stroke. One whose dabs lie wholly outside the session's region is refused
   * (false, and `refusedOutside` says why): the engine rasterises strokes only inside the region,
   * so it would count as a stroke and change nothing.
   */
  function addStroke(stroke: Stroke): boolean {
    const region = latent.session?.region;
    if (region && !pathTouchesRect(stroke.points, stroke.size / 2, region)) {
      refusedOutside.value = true;
      return false;
    }
    changed(sl.addStroke(list.value, stroke));
    return true;
  }

  /** Live erasing: every move re-erases from the list as it was at the drag's start, so one drag is one undo step. */
  function erase(path: Point2[], done: boolean, start: boolean): void {
    if (start || !eraseBase) eraseBase = list.value;
    const next = sl.eraseAlong(eraseBase, path, size.value / 2);
    if (done) eraseBase = null;
    changed(next);
  }

  /** Ctrl+Z while painting: removes the last stroke (or restores the last erase). False when there is none. */
  function undo(): boolean {
    if (!sl.canUndoStroke(list.value)) return false;
    changed(sl.undoStroke(list.value));
    return true;
  }

  /** Ctrl+Shift+Z / Ctrl+Y: puts back what undo took, until a new stroke or erase. False when there is none. */
  function redo(): boolean {
    if (!sl.canRedoStroke(list.value)) return false;
    changed(sl.redoStroke(list.value));
    return true;
  }

  function clear(): void {
    cancelScheduled();
    cancelRunning();
    list.value = sl.emptyStrokes();
    refusedOutside.value = false;
    setResult(null, null);
    candidate.value = 0;
    interpolation.value = 1;
  }

  /**
   * Applies the chosen candidate; the session then parks with the photo, and this panel's state
   * with it. Not while following strokes: the candidates would leave out the newest, and parking
   * the session would cancel the run that follows them.
   */
  async function apply(): Promise<void> {
    if (!appliable.value) return;
    await latent.apply({ useConstrained: true, interpolation: interpolation.value, candidate: candidate.value });
  }

  /** Strokes and candidates of sessions put aside (Apply, or a step away), by session id. */
  const kept = new Map<string, KeptPaint>();

  function keep(sessionId: string): void {
    kept.delete(sessionId);
    kept.set(sessionId, { list: list.value, result: result.value, resultFor: resultFor.value, candidate: candidate.value, interpolation: interpolation.value, wasFollowing: following.value });
    // The latent store keeps a few parked sessions; older entries can never come back.
    for (const oldest of kept.keys()) if (kept.size > PARKED_SESSIONS) kept.delete(oldest);
  }

  // Strokes belong to a session: another image or a new inversion starts over, and a session that
  // comes back (undo after Apply) brings its strokes and candidates with it.
  watch(() => latent.session, (next, previous) => {
    if (previous && strokes.value.length > 0) keep(previous.sessionId);
    clear();
    const back = next ? kept.get(next.sessionId) : undefined;
    if (!next || !back) return;
    kept.delete(next.sessionId);
    list.value = back.list;
    setResult(back.result, back.resultFor);
    candidate.value = back.candidate;
    interpolation.value = back.interpolation;
    // Strokes put aside while a run followed them come back with older candidates: follow them
    // again. So do candidates that match their strokes if a run was in flight (an undo then a redo
    // in the pause): the engine keeps the candidates it computed last, which Apply would take.
    if ((back.wasFollowing || !fresh.value) && strokes.value.length > 0) scheduleConstrain();
  });
  watch([stayClose, realism], () => strokes.value.length > 0 && scheduleConstrain());

  return {
    tool, colour, size, stayClose, realism, list, strokes, result, candidate, interpolation, constraining, following, fresh, appliable,
    refusedOutside, addStroke, erase, undo, redo, clear, apply, constrain,
  };
});
