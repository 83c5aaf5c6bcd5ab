import { ipcMain, type WebContents } from 'electron';
import { IPC_CHANNEL, IPC_EVENT_CHANNEL, type LatentshopEvents, type WireEvent } from '../../preload/contract/service';
import type { Runtime } from '../app/runtime';
import { isTrustedSender } from '../electron/trust';

const EVENTS: (keyof LatentshopEvents)[] = ['jobQueued', 'jobProgress', 'jobDone', 'jobError', 'engineRestarted', 'batchProgress'];

/** One channel for every call; the sender frame is checked before the router sees it. */
export function registerIpc(runtime: Runtime, devServerUrl: string | undefined): void {
  ipcMain.handle(IPC_CHANNEL, async (event, request: unknown) => {
    const frame = event.senderFrame;
    if (!isTrustedSender(frame?.url, frame === event.sender.mainFrame, devServerUrl)) {
      return { id: -1, ok: false, error: { code: 'UNAUTHORIZED', message: 'Refused a call from an untrusted frame.' } };
    }
    return runtime.dispatch(request);
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
