import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AttributeInfo, InversionMethod, LatentSessionResult, Rect } from '../../../preload/contract';
import { getApi } from '../ipc/api';
import { toErrorData } from '../ipc/errors';
import { attributesFromSliders, clampAlpha } from '../latent/attributes';
import { latentFamilies, pickLatentFamily, usableMethod } from '../latent/families';
import { ParkedSessions } from '../latent/parked-sessions';
import { useDocumentStore } from './document';
import { useEngineStore } from './engine';
import { useJobsStore } from './jobs';
import { runJob } from './run-job';
import { useToastStore } from './toasts';

/**
 * The latent session of the current image (issue 4), shared by the Edit and Paint panels:
 * inversion with live progress, attribute sliders, and Apply as a history step.
 */
export const useLatentStore = defineStore('latent', () => {
  const doc = useDocumentStore();
  const engine = useEngineStore();
  const toasts = useToastStore();
  const jobs = useJobsStore();
  const method = ref<InversionMethod>('hybrid');
  /** Starts for optimize and hybrid (the best is kept); null: the engine's default for the method. */
  const starts = ref<number | null>(null);
  /** null = the whole image. */
  const region = shallowRef<Rect | null>(null);
  const session = shallowRef<LatentSessionResult | null>(null);
  const inverting = ref(false);
  const progress = ref(0);
  const reconUrl = ref('');
  const attributes = shallowRef<AttributeInfo[]>([]);
  const values = ref<Record<string, number>>({});
  /** Before/after divider, 0–1 across the region: left of it shows the original. */
  const split = ref(0);
  const applying = ref(false);
  let inversionJob: string | null = null;
  let sessionImageId: string | null = null;
  /** Sessions of other images in the history, for undo and redo to bring back. */
  const parked = new ParkedSessions();

  const families = computed(() => latentFamilies(engine.info?.models ?? []));
  /** What the user picked in the Edit panel (null: the default, see pickLatentFamily). */
  const chosenFamily = ref<string | null>(null);
  const familyInfo = computed(() => pickLatentFamily(families.value, chosenFamily.value));
  /** The family the latent tools use. */
  const family = computed(() => familyInfo.value?.id ?? null);
  /** Whether `m` runs with this family as asked (encoder and hybrid need E; see usableMethod). */
  const methodUsable = (m: InversionMethod): boolean => usableMethod(m, familyInfo.value) === m;
  /** A grey family reads a colour stroke as its brightness (the Paint panel says so). */
  const greyFamily = computed(() => familyInfo.value?.channels === 1);
  const attributeMap = computed(() => attributesFromSliders(values.value));

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
      session.value = result;
      sessionImageId = image.id;
      reconUrl.value = result.reconstructionUrl;
      await loadAttributes();
      return true;
    } catch {
      return false; // Failures are toasted by the job's error event; a cancel needs no word.
    } finally {
      inverting.value = false;
      inversionJob = null;
    }
  }

  async function loadAttributes(): Promise<void> {
    if (!family.value) return;
    try {
      attributes.value = await getApi().listAttributes({ family: family.value });
    } catch (e) {
      toasts.show(toErrorData(e).message, 'error');
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
      toasts.show(toErrorData(e).message, 'error');
      return false;
    }
  }

  /** Picks the family the latent tools use; E-based methods need an encoder, so without one the method becomes optimize. */
  function chooseFamily(id: string): void {
    chosenFamily.value = id;
    method.value = usableMethod(method.value, familyInfo.value);
  }

  function setValue(name: string, value: number): void {
    values.value = { ...values.value, [name]: clampAlpha(value) };
  }

  /** Where the divider was before the before/after key sent it to the far right. */
  let splitBeforeToggle = 0;

  /** The before/after key: the whole region shows the original, then the divider goes back. */
  function toggleBeforeAfter(): void {
    if (!session.value) return;
    if (split.value < 1) {
      splitBeforeToggle = split.value;
      split.value = 1;
    } else split.value = splitBeforeToggle;
  }

  function resetValues(): void {
    values.value = {};
    split.value = 0;
  }

  /**
   * Renders the edit into the photo at full resolution as a new history step. The session is
   * parked with the image it came from (see the watch below), so undo brings the sliders back.
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

  async function endSession(): Promise<void> {
    const s = detachSession();
    if (s) await closeSessions([s.sessionId]);
  }

  /** Takes the live session off the panels (sliders reset) and hands it to the caller to close or park. */
  function detachSession(): LatentSessionResult | null {
    const s = session.value;
    session.value = null;
    sessionImageId = null;
    resetValues();
    return s;
  }

  async function closeSessions(ids: string[]): Promise<void> {
    await Promise.all(ids.map((sessionId) => getApi().closeLatentSession({ sessionId }).catch(() => undefined)));
  }

  /** Puts the live session aside while its image stays in the history (closed once it leaves). */
  function parkSession(): void {
    const imageId = sessionImageId;
    if (!session.value || !imageId) return;
    const kept = { values: values.value, region: region.value };
    const s = detachSession()!;
    void closeSessions(doc.steps.some((step) => step.id === imageId) ? parked.park(imageId, { session: s, ...kept }) : [s.sessionId]);
  }

  /** Brings back the session parked with this image, sliders as they were (e.g. after Apply, then undo). */
  function restoreSession(imageId: string | undefined): void {
    const back = imageId === undefined ? undefined : parked.take(imageId);
    if (!back || imageId === undefined) return;
    session.value = back.session;
    sessionImageId = imageId;
    values.value = back.values;
    region.value = back.region;
    reconUrl.value = back.session.reconstructionUrl;
  }

  // Each method has its own default number of starts (optimize 4 random, hybrid 1).
  watch(method, () => (starts.value = null));

  // A session, its sliders and its attributes belong to one family: another family starts afresh.
  watch(family, (next, previous) => {
    if (previous === undefined || next === previous) return;
    attributes.value = [];
    void endSession();
    void closeSessions(parked.clear()); // Codes of another family's G.
  });

  // A session belongs to one image: moving to another step parks it, and coming back restores
  // it. An inversion still running for the old image is cancelled rather than shown on the new.
  watch(() => doc.current?.id, (id) => {
    if (id === sessionImageId) return;
    parkSession();
    void closeSessions(parked.prune(new Set(doc.steps.map((step) => step.id))));
    region.value = null;
    if (inversionJob) void jobs.cancel(inversionJob);
    inversionJob = null; // Its late progress previews belong to the old image.
    reconUrl.value = '';
    progress.value = 0;
    restoreSession(id);
  });

  return {
    method, starts, region, session, inverting, progress, reconUrl, attributes, values, split, applying, family, families, methodUsable, greyFamily, attributeMap,
    invert, loadAttributes, removeAttribute, chooseFamily, setValue, toggleBeforeAfter, resetValues, apply, endSession,
  };
});
