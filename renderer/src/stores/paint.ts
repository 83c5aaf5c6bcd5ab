import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { ConstrainResult, Stroke } from '../../../preload/contract';
import type { Point2 } from '../latent/geometry';
import { PARKED_SESSIONS } from '../latent/parked-sessions';
import { debounce } from '../latent/schedule';
import * as sl from '../latent/stroke-list';
import { useJobsStore } from './jobs';
import { useLatentStore } from './latent';
import { runJob } from './run-job';

export type PaintTool = 'brush' | 'sketch' | 'eraser' | 'eyedropper';

interface KeptPaint {
  list: sl.StrokeList;
  result: ConstrainResult | null;
  candidate: number;
  interpolation: number;
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
  const strokes = computed(() => list.value.strokes);
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
    if (!session || current.length === 0) return void (result.value = null);
    const seq = runSeq;
    constraining.value = true;
    const spec = { op: 'constrain' as const, sessionId: session.sessionId, strokes: [...current], stayClose: stayClose.value, realism: realism.value };
    try {
      // The engine warm-starts from the session's current z*; we always send every stroke.
      const out = await runJob(spec, (id) => (seq === runSeq ? (jobId = id) : void jobs.cancel(id)));
      if (seq !== runSeq || out.kind !== 'constrained') return;
      result.value = out;
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
  const scheduleConstrain = debounce(() => void constrain(), CONSTRAIN_DEBOUNCE_MS);

  function changed(next: sl.StrokeList): void {
    if (next === list.value) return;
    list.value = next;
    cancelRunning(); // A new stroke interrupts the running job at once; the next starts after the pause.
    scheduleConstrain();
  }

  function addStroke(stroke: Stroke): void {
    changed(sl.addStroke(list.value, stroke));
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
    scheduleConstrain.cancel();
    cancelRunning();
    list.value = sl.emptyStrokes();
    result.value = null;
    candidate.value = 0;
    interpolation.value = 1;
  }

  /** Applies the chosen candidate; the session then parks with the photo, and this panel's state with it. */
  async function apply(): Promise<void> {
    if (!result.value) return;
    await latent.apply({ useConstrained: true, interpolation: interpolation.value, candidate: candidate.value });
  }

  /** Strokes and candidates of sessions put aside (Apply, or a step away), by session id. */
  const kept = new Map<string, KeptPaint>();

  function keep(sessionId: string): void {
    kept.delete(sessionId);
    kept.set(sessionId, { list: list.value, result: result.value, candidate: candidate.value, interpolation: interpolation.value });
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
    result.value = back.result;
    candidate.value = back.candidate;
    interpolation.value = back.interpolation;
  });
  watch([stayClose, realism], () => strokes.value.length > 0 && scheduleConstrain());

  return {
    tool, colour, size, stayClose, realism, list, strokes, result, candidate, interpolation, constraining,
    addStroke, erase, undo, redo, clear, apply, constrain,
  };
});
