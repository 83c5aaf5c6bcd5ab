import { watch, type Ref } from 'vue';
import type { AttributeInfo, LatentSessionResult, Rect } from '../../../preload/contract';
import { getApi } from '../ipc/api';
import { ParkedSessions } from '../latent/parked-sessions';
import { useDocumentStore } from './document';

/** What the session lifecycle resets or restores in the latent store around it. */
export interface LatentSessionDeps {
  session: Ref<LatentSessionResult | null>;
  family: Readonly<Ref<string | null>>;
  region: Ref<Rect | null>;
  values: Ref<Record<string, number>>;
  reconUrl: Ref<string>;
  attributes: Ref<AttributeInfo[]>;
  resetValues: () => void;
  /** Cancels an inversion still running for the image being left, and clears its progress. */
  dropInversion: () => void;
}

/**
 * The lifecycle of the latent store's live session: a session belongs to one image and one
 * family. Stepping to another image parks it (sliders and region kept) while that image stays
 * in the history, coming back restores it, and another family closes them all.
 */
export function useLatentSession(deps: LatentSessionDeps) {
  const doc = useDocumentStore();
  const { session } = deps;
  let sessionImageId: string | null = null;
  /** Sessions of other images in the history, for undo and redo to bring back. */
  const parked = new ParkedSessions();

  /** Makes `result` the live session, that of image `imageId`. */
  function attach(result: LatentSessionResult, imageId: string): void {
    session.value = result;
    sessionImageId = imageId;
    deps.reconUrl.value = result.reconstructionUrl;
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
    deps.resetValues();
    return s;
  }

  async function closeSessions(ids: string[]): Promise<void> {
    await Promise.all(ids.map((sessionId) => getApi().closeLatentSession({ sessionId }).catch(() => undefined)));
  }

  /** Puts the live session aside while its image stays in the history (closed once it leaves). */
  function parkSession(): void {
    const imageId = sessionImageId;
    if (!session.value || !imageId) return;
    const kept = { values: deps.values.value, region: deps.region.value };
    const s = detachSession()!;
    void closeSessions(doc.steps.some((step) => step.id === imageId) ? parked.park(imageId, { session: s, ...kept }) : [s.sessionId]);
  }

  /** Brings back the session parked with this image, sliders as they were (e.g. after Apply, then undo). */
  function restoreSession(imageId: string | undefined): void {
    const back = imageId === undefined ? undefined : parked.take(imageId);
    if (!back || imageId === undefined) return;
    session.value = back.session;
    sessionImageId = imageId;
    deps.values.value = back.values;
    deps.region.value = back.region;
    deps.reconUrl.value = back.session.reconstructionUrl;
  }

  // A session, its sliders and its attributes belong to one family: another family starts afresh.
  watch(deps.family, (next, previous) => {
    if (previous === undefined || next === previous) return;
    deps.attributes.value = [];
    void endSession();
    void closeSessions(parked.clear()); // Codes of another family's G.
  });

  // A session belongs to one image: moving to another step parks it, and coming back restores
  // it. An inversion still running for the old image is cancelled rather than shown on the new.
  watch(() => doc.current?.id, (id) => {
    if (id === sessionImageId) return;
    parkSession();
    void closeSessions(parked.prune(new Set(doc.steps.map((step) => step.id))));
    deps.region.value = null;
    deps.dropInversion();
    deps.reconUrl.value = '';
    restoreSession(id);
  });

  return { attach, endSession };
}
