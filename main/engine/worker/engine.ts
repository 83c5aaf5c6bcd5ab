import { LatentshopError, toErrorData } from '../../../preload/contract/errors';
import type { BackendInfo } from '../../../preload/contract/types';
import type { EngineMethods, EngineToHost, HostToEngine } from '../protocol';
import { createMethods } from './methods';
import { ImageStore } from './image-store';

/** Progress is throttled so a fast loop cannot flood the IPC channel. */
const PROGRESS_INTERVAL_MS = 100;

/** Routes host messages to engine methods and owns the abort signal of each running job. */
export class Engine {
  private readonly running = new Map<string, AbortController>();
  private readonly methods: { [M in keyof EngineMethods]: (args: never) => Promise<unknown> };

  constructor(
    private readonly send: (message: EngineToHost) => void,
    backend: BackendInfo,
    cacheDir: string,
  ) {
    const store = new ImageStore(cacheDir);
    this.methods = createMethods({ store, backend, startJob: (jobId) => this.startJob(jobId) });
  }

  async handle(message: HostToEngine): Promise<void> {
    if (message.type === 'cancel') {
      this.running.get(message.jobId)?.abort();
      return;
    }
    const method = this.methods[message.method] as ((args: unknown) => Promise<unknown>) | undefined;
    try {
      if (!method) throw new LatentshopError('BAD_ARGUMENT', `Unknown engine method ${message.method}`);
      const value = await method(message.args);
      this.send({ type: 'reply', id: message.id, ok: true, value });
    } catch (error) {
      this.send({ type: 'reply', id: message.id, ok: false, error: toErrorData(error) });
    }
  }

  private startJob(jobId: string): { signal: AbortSignal; progress: (fraction: number, stage: string, previewUrl?: string) => void; end(): void } {
    const controller = new AbortController();
    this.running.set(jobId, controller);
    let lastSent = 0;
    let lastStage = '';
    return {
      signal: controller.signal,
      progress: (fraction, stage, previewUrl) => {
        const now = Date.now();
        // Previews are rare (every ~10 steps) and are the point of the event: never dropped.
        if (!previewUrl && stage === lastStage && fraction < 1 && now - lastSent < PROGRESS_INTERVAL_MS) return;
        lastSent = now;
        lastStage = stage;
        const clamped = Math.min(1, Math.max(0, fraction));
        this.send(previewUrl ? { type: 'progress', jobId, fraction: clamped, stage, previewUrl } : { type: 'progress', jobId, fraction: clamped, stage });
      },
      end: () => this.running.delete(jobId),
    };
  }
}
