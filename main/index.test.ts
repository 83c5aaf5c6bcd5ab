import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Electron and main's own modules are stubbed: this checks only the lifecycle wiring in index.ts.
const state = vi.hoisted(() => ({
  lock: true,
  packaged: false,
  quit: 0,
  windows: [] as { loaded: string[]; minimized: boolean; restored: number; focused: number }[],
  calls: [] as [string, unknown][],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => state.lock,
    quit: () => void state.quit++,
    whenReady: () => Promise.resolve(),
    getPath: (name: string) => `/home/me/${name}`,
  });
  Object.defineProperty(app, 'isPackaged', { get: () => state.packaged });
  class BrowserWindow extends Emitter {
    static getFocusedWindow = () => null;
    static getAllWindows = () => state.windows;
    readonly record = { loaded: [] as string[], minimized: true, restored: 0, focused: 0 };
    readonly webContents = {};
    constructor() {
      super();
      state.windows.push(this.record);
    }
    loadURL = async (url: string) => void this.record.loaded.push(url);
    isMinimized = () => this.record.minimized;
    restore = () => void this.record.restored++;
    focus = () => void this.record.focused++;
  }
  return { app, BrowserWindow };
});
vi.mock('./app/runtime', () => ({ createRuntime: () => ({ batches: { restore: async () => state.calls.push(['restore', null]) }, dispose: () => undefined }) }));
vi.mock('./engine/host/entry', () => ({ engineEntry: () => ({ entry: '/app/engine.js' }) }));
vi.mock('./electron/dialogs', () => ({ electronDialogs: () => ({}) }));
vi.mock('./electron/harden', () => ({ hardenApp: (url: unknown) => state.calls.push(['hardenApp', url]) }));
vi.mock('./electron/protocols', () => ({ handleProtocols: () => undefined, registerSchemes: () => state.calls.push(['registerSchemes', null]) }));
vi.mock('./electron/unload-prompt', () => ({ promptBeforeUnload: () => undefined }));
vi.mock('./electron/utility-spawner', () => ({ utilitySpawner: () => () => undefined }));
vi.mock('./electron/window-options', () => ({ secureWindowOptions: () => ({}) }));
vi.mock('./ipc/electron-registrar', () => ({ forwardEvents: () => undefined, registerIpc: (_runtime: unknown, url: unknown) => state.calls.push(['registerIpc', url]) }));

let launched: EventEmitter | undefined;

async function launch(): Promise<EventEmitter> {
  vi.resetModules();
  const { app } = await import('electron');
  launched = app as unknown as EventEmitter;
  await import('./index');
  await vi.waitFor(() => expect(state.windows.length + state.quit).toBeGreaterThan(0));
  return launched;
}

describe('Electron main lifecycle', () => {
  beforeEach(() => {
    Object.assign(state, { lock: true, packaged: false, quit: 0, windows: [], calls: [] });
    vi.stubEnv('VITE_DEV_SERVER_URL', 'http://localhost:5173/');
  });
  afterEach(() => {
    // Removes the session's cache folder, as a real quit does.
    launched?.emit('will-quit');
    vi.unstubAllEnvs();
  });

  it('a packaged app ignores VITE_DEV_SERVER_URL: it loads and trusts only the app origin', async () => {
    state.packaged = true;
    await launch();
    expect(state.windows[0]?.loaded).toEqual(['latentshop://app/index.html']);
    expect(state.calls).toContainEqual(['hardenApp', undefined]);
    expect(state.calls).toContainEqual(['registerIpc', undefined]);
  });

  it('an unpackaged app may use a dev server', async () => {
    await launch();
    expect(state.windows[0]?.loaded).toEqual(['http://localhost:5173/']);
    expect(state.calls).toContainEqual(['registerIpc', 'http://localhost:5173/']);
  });

  it('a second launch quits at once: no schemes, no window, no batches resumed twice', async () => {
    state.lock = false;
    await launch();
    expect(state.quit).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(state.calls).toEqual([]);
    expect(state.windows).toEqual([]);
  });

  it('the first instance brings its window back when a second one starts', async () => {
    const app = await launch();
    app.emit('second-instance');
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]).toMatchObject({ restored: 1, focused: 1 });
    expect(state.calls.filter(([name]) => name === 'restore')).toHaveLength(1);
  });
});
