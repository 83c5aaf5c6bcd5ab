import { effectScope, watch } from 'vue';
import type { ImageInfo, JobSpec, SrRegion } from '../../../preload/contract';
import { activeView } from '../canvas/active';
import { CompareOverlay } from '../canvas/sr/CompareOverlay';
import { centreOf, previewCrop, viewCentre } from '../canvas/sr/rect-math';
import { RectSelectTool } from '../canvas/tools/RectSelectTool';
import { errorText, i18n } from '../i18n';
import { getApi } from '../ipc/api';
import { toErrorData } from '../ipc/errors';
import { useDocumentStore } from '../stores/document';
import { useJobsStore } from '../stores/jobs';
import { useSrStore } from '../stores/sr';
import { useToastStore } from '../stores/toasts';
import { startAndWait } from './wait-job';

/** Not reactive: a Fabric object must never sit in a Vue proxy. */
let overlay: CompareOverlay | null = null;
let watching = false;

/** Super-resolution commands: rectangle selection, preview crop, full run, compare, apply. */
export function useSrActions() {
  const doc = useDocumentStore();
  const sr = useSrStore();
  const jobs = useJobsStore();
  const toasts = useToastStore();
  const t = i18n.global.t;

  if (!watching) {
    watching = true;
    // A new document (open, undo, another tool's result) makes a pending result stale. A detached
    // scope: the watcher must outlive the panel that first asked for these actions.
    effectScope(true).run(() =>
      watch(() => doc.current?.id, (id) => {
        if (sr.result && sr.result.sourceId !== id && !doc.steps.some((s) => s.id === sr.result?.image.id)) discard();
        if (sr.region && doc.current && (sr.region.x + sr.region.width > doc.current.width || sr.region.y + sr.region.height > doc.current.height)) sr.region = null;
      }),
    );
  }

  function select(on: boolean): void {
    const view = activeView();
    const image = doc.current;
    sr.selecting = on && view !== null && image !== null;
    if (!view || !image || !on) return view?.setTool(null);
    view.setTool((canvas) => new RectSelectTool(canvas, { imageSize: image, initial: sr.region, onRect: (rect) => (sr.region = rect) }));
  }

  /** A region typed in (or cleared): the selection tool, when on, redraws its outline there. */
  function setRegion(region: SrRegion | null): void {
    sr.region = region;
    if (sr.selecting) select(true);
  }

  async function upscale(at: SrRegion, kind: 'preview' | 'full'): Promise<void> {
    const image = doc.current;
    if (!image || sr.runningJobId) return;
    discard();
    const whole = at.x === 0 && at.y === 0 && at.width === image.width && at.height === image.height;
    const region = whole ? {} : { region: at };
    const spec: JobSpec = sr.method === 'gan-prior' && sr.family
      ? { op: 'ganUpscale', imageId: image.id, family: sr.family, scale: sr.scale, ...region }
      : { op: 'upscale', imageId: image.id, model: sr.model, scale: sr.scale, ...region };
    try {
      const result = await startAndWait(spec, 'interactive', (jobId) => (sr.runningJobId = jobId));
      if (result.kind !== 'image') return;
      if (doc.current?.id !== image.id) return void releaseQuietly(result.image);
      sr.result = { image: result.image, at, kind, sourceId: image.id, ...(result.metrics && { metrics: result.metrics }) };
      select(false);
      overlay = new CompareOverlay(activeView()!.canvas, at);
      await overlay.show(result.image.previewUrl);
      overlay.setSplit(sr.split);
    } catch (error) {
      // A failed job is toasted by the event router; only a refused start (no row) is toasted here.
      const data = toErrorData(error);
      if (data.code === 'BAD_ARGUMENT') toasts.show(t('toast.jobFailed', { op: t('jobs.op.upscale'), message: errorText(data) }), 'error');
    } finally {
      sr.runningJobId = null;
    }
  }

  /** A fast look: 128² around the rectangle's centre, or the view's centre. */
  function preview(): Promise<void> {
    const image = doc.current;
    const view = activeView();
    if (!image || !view) return Promise.resolve();
    const centre = sr.region ? centreOf(sr.region, image) : viewCentre(view.canvas.viewportTransform, { width: view.canvas.getWidth(), height: view.canvas.getHeight() });
    return upscale(previewCrop(centre, image), 'preview');
  }

  function run(): Promise<void> {
    const image = doc.current;
    return image ? upscale(sr.region ?? { x: 0, y: 0, width: image.width, height: image.height }, 'full') : Promise.resolve();
  }

  function setSplit(fraction: number): void {
    sr.split = fraction;
    overlay?.setSplit(fraction);
  }

  /** The full result becomes the next history step (undo brings the original back). */
  function apply(): void {
    const result = sr.result;
    if (!result || result.kind !== 'full') return;
    overlay?.dispose();
    overlay = null;
    sr.result = null;
    sr.region = null;
    doc.push(result.image);
  }

  function discard(): void {
    overlay?.dispose();
    overlay = null;
    if (sr.result) releaseQuietly(sr.result.image);
    sr.result = null;
  }

  function cancel(): void {
    if (sr.runningJobId) void jobs.cancel(sr.runningJobId);
  }

  return { select, clearRegion: () => setRegion(null), setRegion, preview, run, setSplit, apply, discard, cancel };
}

function releaseQuietly(image: ImageInfo): void {
  void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
}
