import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import type { AttributeInfo, InversionMethod, LatentSessionResult, Rect } from '../../../preload/contract';
import { errorText } from '../i18n';
import { getApi } from '../ipc/api';
import { usableMethod } from '../latent/families';
import { useDocumentStore } from './document';
import { useJobsStore } from './jobs';
import { useLatentFamily } from './latent-family';
import { useLatentSession } from './latent-session';
import { useLatentSliders } from './latent-sliders';
import { runJob } from './run-job';
import { useToastStore } from './toasts';

/**
 * The latent session of the current image (issue 4), shared by the Edit and Paint panels:
 * inversion with live progress, attribute sliders, and Apply as a history step. This store runs
 * the jobs; the family, the sliders and the session lifecycle are latent-family/-sliders/-session.
 */
export const useLatentStore = defineStore('latent', () => {
  const doc = useDocumentStore();
  const toasts = useToastStore();
  const jobs = useJobsStore();
  const method = ref<InversionMethod>('hybrid');
  /** Starts for optimize and hybrid (the best is kept); null: the engine's default for the method. */
  const starts = ref<number | null>(null);
  // Each method has its own default number of starts (optimize 4 random, hybrid 1).
  watch(method, () => (starts.value = null));
  /** null = the whole image. */
  const region = shallowRef<Rect | null>(null);
  const session = shallowRef<LatentSessionResult | null>(null);
  const inverting = ref(false);
  const progress = ref(0);
  const reconUrl = ref('');
  const attributes = shallowRef<AttributeInfo[]>([]);
  const applying = ref(false);
  let inversionJob: string | null = null;
  const { families, familyInfo, family, methodUsable, greyFamily, chooseFamily } = useLatentFamily(method);
  const { values, split, attributeMap, setValue, toggleBeforeAfter, resetValues } = useLatentSliders(session);
  const { attach, endSession } = useLatentSession({ session, family, region, values, reconUrl, attributes, resetValues, dropInversion });

  // The reconstruction as the optimiser improves it; progress previews are not kept in the jobs store.
  getApi().onJobProgress((p) => {
    if (p.jobId !== inversionJob) return;
    progress.value = p.fraction;
    if (p.previewUrl) reconUrl.value = p.previewUrl;
  });

  /** Inverts the chosen region; `using` overrides the method (the Paint panel asks for hybrid). */
  async function invert(using?: InversionMethod): Promise<boolean> {
    const image = doc.current;
    if (!image || !family.value || inverting.value) return false;
    await endSession();
    inverting.value = true;
    progress.value = 0;
    reconUrl.value = '';
    const chosen = usableMethod(using ?? method.value, familyInfo.value);
    // The Paint panel's own hybrid run keeps the default: it must be quick.
    const startsFor = using === undefined && chosen !== 'encoder' && starts.value !== null ? { starts: starts.value } : {};
    const spec = { op: 'invert' as const, imageId: image.id, family: family.value, method: chosen, ...startsFor };
    try {
      const result = await runJob(region.value ? { ...spec, region: region.value } : spec, (id) => (inversionJob = id));
      if (result.kind !== 'latent' || doc.current?.id !== image.id) return false;
      attach(result, image.id);
      await loadAttributes();
      return true;
    } catch {
      return false; // Failures are toasted by the job's error event; a cancel needs no word.
    } finally {
      inverting.value = false;
      inversionJob = null;
      // A run that attached nothing (cancelled, failed, or its image left) must not leave its last
      // progress preview: with no caption or sliders it reads as a result. The session it replaced
      // was closed before it started, so there is none to go back to; a session restored
      // meanwhile (its image came back) keeps its own reconstruction.
      if (!session.value) reconUrl.value = '';
    }
  }

  async function loadAttributes(): Promise<void> {
    if (!family.value) return;
    try {
      attributes.value = await getApi().listAttributes({ family: family.value });
    } catch (e) {
      toasts.show(errorText(e), 'error');
    }
  }

  /** Deletes a learned attribute; its slider goes (or falls back to a shipped one of that name, at 0). */
  async function removeAttribute(name: string): Promise<boolean> {
    if (!family.value) return false;
    try {
      attributes.value = await getApi().removeAttribute({ family: family.value, name });
      values.value = Object.fromEntries(Object.entries(values.value).filter(([key]) => key !== name));
      return true;
    } catch (e) {
      toasts.show(errorText(e), 'error');
      return false;
    }
  }

  /**
   * Renders the edit into the photo at full resolution as a new history step. The session is
   * parked with the image it came from (see latent-session), so undo brings the sliders back.
   */
  async function apply(extra: { useConstrained?: boolean; interpolation?: number; candidate?: number } = {}): Promise<boolean> {
    const s = session.value;
    const image = doc.current;
    if (!s || !image || applying.value) return false;
    applying.value = true;
    try {
      const result = await runJob({ op: 'applyEdit', sessionId: s.sessionId, attributes: attributeMap.value, ...extra });
      if (result.kind !== 'image') return false;
      if (doc.current?.id === image.id) doc.push(result.image);
      else void getApi().releaseImage({ imageId: result.image.id }).catch(() => undefined);
      return true;
    } catch {
      return false; // Already toasted by the job's error event.
    } finally {
      applying.value = false;
    }
  }

  /** Called on moving to another image: an inversion still running for the old one is cancelled. */
  function dropInversion(): void {
    if (inversionJob) void jobs.cancel(inversionJob);
    inversionJob = null; // Its late progress previews belong to the old image.
    progress.value = 0;
  }

  return {
    method, starts, region, session, inverting, progress, reconUrl, attributes, values, split, applying, family, families, methodUsable, greyFamily, attributeMap,
    invert, loadAttributes, removeAttribute, chooseFamily, setValue, toggleBeforeAfter, resetValues, apply, endSession,
  };
});
