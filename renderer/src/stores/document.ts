import { defineStore } from 'pinia';
import { computed, shallowRef } from 'vue';
import type { ImageInfo } from '../../../preload/contract';
import { getApi } from '../ipc/api';
import * as h from './history';

/** How many steps undo can go back. Each step holds an engine-side image, so this bounds memory. */
export const HISTORY_CAP = 50;

/**
 * The open document: a history of engine images. Opening an image starts a new history
 * (single-document for now); edits push steps.
 */
export const useDocumentStore = defineStore('document', () => {
  // ImageInfo is plain data and replaced wholesale, so a shallow ref is enough.
  const history = shallowRef<h.History<ImageInfo>>(h.emptyHistory());

  const current = computed(() => h.current(history.value));
  const canUndo = computed(() => h.canUndo(history.value));
  const canRedo = computed(() => h.canRedo(history.value));
  const steps = computed(() => history.value.steps);
  const index = computed(() => history.value.index);
  /** Steps that are on disk: the opened file itself, and each one exported. */
  const savedIds = shallowRef<ReadonlySet<string>>(new Set());
  /**
   * Whether closing would lose work: the image on screen is not on disk, or the newest step is
   * not (an edit undone but still there to redo). Steps in between are not asked about.
   */
  const dirty = computed(() => {
    const tip = history.value.steps.at(-1);
    return (current.value !== null && !savedIds.value.has(current.value.id)) || (tip !== undefined && !savedIds.value.has(tip.id));
  });

  function release(dropped: ImageInfo[]): void {
    // Best effort: a failed release only costs engine memory until it restarts.
    const live = new Set(history.value.steps.map((s) => s.id));
    for (const image of dropped) {
      if (!live.has(image.id)) void getApi().releaseImage({ imageId: image.id }).catch(() => undefined);
    }
  }

  function apply(change: h.HistoryChange<ImageInfo>): void {
    history.value = change.history;
    release(change.dropped);
  }

  /** Shows a freshly opened image as the start of a new history. */
  function open(image: ImageInfo): void {
    apply(h.reset(history.value, image));
    savedIds.value = new Set([image.id]);
  }

  /** Records that `imageId` was exported, so a document showing it has nothing unsaved. */
  function markSaved(imageId: string): void {
    savedIds.value = new Set([...savedIds.value, imageId]);
  }

  /** Adds an edit result as the next step. */
  function push(image: ImageInfo): void {
    apply(h.push(history.value, image, HISTORY_CAP));
  }

  function undo(): void {
    history.value = h.undo(history.value);
  }

  function redo(): void {
    history.value = h.redo(history.value);
  }

  return { history, steps, index, current, canUndo, canRedo, dirty, open, push, undo, redo, markSaved };
});
