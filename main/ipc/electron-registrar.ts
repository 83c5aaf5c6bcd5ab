import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { droppedPathsSchema } from '../../preload/contract/schemas';
import { IPC_CHANNEL, IPC_DROP_CHANNEL, IPC_EVENT_CHANNEL, type LatentshopEvents, type WireEvent } from '../../preload/contract/service';
import type { Runtime } from '../app/runtime';
import { isTrustedSender } from '../electron/trust';

const EVENTS: (keyof LatentshopEvents)[] = ['jobQueued', 'jobProgress', 'jobDone', 'jobError', 'engineRestarted', 'batchProgress'];

/**
 * One channel for every call, plus one on which the preload records dropped files' paths
 * (main opens no other path the renderer names); the sender frame is checked on both.
 */
export function registerIpc(runtime: Runtime, devServerUrl: string | undefined): void {
  const trusted = (event: IpcMainInvokeEvent): boolean => isTrustedSender(event.senderFrame?.url, event.senderFrame === event.sender.mainFrame, devServerUrl);
  ipcMain.handle(IPC_CHANNEL, async (event, request: unknown) => {
    if (!trusted(event)) {
      return { id: -1, ok: false, error: { code: 'UNAUTHORIZED', message: 'Refused a call from an untrusted frame.' } };
    }
    return runtime.dispatch(request);
  });
  ipcMain.handle(IPC_DROP_CHANNEL, (event, paths: unknown) => {
    if (!trusted(event)) throw new Error('Refused a drop from an untrusted frame.');
    runtime.paths.allow(droppedPathsSchema.parse(paths));
  });
}

/** Pushes events to a window until it goes away, as electron-trpc cleans up subscriptions. */
export function forwardEvents(runtime: Runtime, contents: WebContents): void {
  const offs = EVENTS.map((event) => {
    const forward = (payload: unknown) => {
      const message: WireEvent = { event, payload };
      if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message);
    };
    runtime.service.on(event, forward);
    return () => runtime.service.off(event, forward);
  });
  contents.once('destroyed', () => offs.forEach((off) => off()));
}
