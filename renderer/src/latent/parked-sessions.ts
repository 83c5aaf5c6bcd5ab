import type { LatentSessionResult, Rect } from '../../../preload/contract';

/** A latent session put aside while its image is not on screen, with the sliders as they were. */
export interface ParkedSession {
  session: LatentSessionResult;
  values: Record<string, number>;
  region: Rect | null;
}

/**
 * Sessions of images that are still in the undo history: Apply, or any step away, parks the
 * session instead of closing it, so undoing back to the image brings its sliders back without
 * a new inversion. Engine sessions are small files, but each keeps its image's crop warm, so
 * only the most recent few are kept.
 */
/** How many sessions are kept aside at most (the Paint panel keeps their strokes as long). */
export const PARKED_SESSIONS = 8;

export class ParkedSessions {
  private readonly byImage = new Map<string, ParkedSession>();

  constructor(private readonly capacity = PARKED_SESSIONS) {}

  /** Parks `parked` for `imageId`; returns the session ids that no longer fit (to close). */
  park(imageId: string, parked: ParkedSession): string[] {
    const closed = this.drop(imageId);
    this.byImage.set(imageId, parked);
    for (const [oldest, entry] of this.byImage) {
      if (this.byImage.size <= this.capacity) break;
      this.byImage.delete(oldest);
      closed.push(entry.session.sessionId);
    }
    return closed;
  }

  /** Takes the session parked for `imageId` out (it becomes the live one again). */
  take(imageId: string): ParkedSession | undefined {
    const parked = this.byImage.get(imageId);
    this.byImage.delete(imageId);
    return parked;
  }

  /** Forgets sessions whose image left the history; returns their ids (to close). */
  prune(liveImageIds: ReadonlySet<string>): string[] {
    const closed: string[] = [];
    for (const imageId of [...this.byImage.keys()]) if (!liveImageIds.has(imageId)) closed.push(...this.drop(imageId));
    return closed;
  }

  /** Forgets every session (another family: their codes mean nothing there); returns their ids. */
  clear(): string[] {
    return this.prune(new Set());
  }

  private drop(imageId: string): string[] {
    const entry = this.byImage.get(imageId);
    this.byImage.delete(imageId);
    return entry ? [entry.session.sessionId] : [];
  }
}
