import { app, BrowserWindow } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { previewPath } from './app/preview-route';
import { createRuntime, type Runtime } from './app/runtime';
import { engineEntry } from './engine/host/entry';
import { electronDialogs } from './electron/dialogs';
import { hardenApp } from './electron/harden';
import { handleProtocols, registerSchemes } from './electron/protocols';
import { APP_ORIGIN } from './electron/trust';
import { promptBeforeUnload } from './electron/unload-prompt';
import { utilitySpawner } from './electron/utility-spawner';
import { secureWindowOptions } from './electron/window-options';
import { forwardEvents, registerIpc } from './ipc/electron-registrar';

// From the file's own path: Vite inlines a folder URL made from import.meta.url as a data: URL.
const here = dirname(fileURLToPath(import.meta.url));
// The dev server decides what the window loads and which origin may call IPC: never when packaged.
const devServerUrl = app.isPackaged ? undefined : process.env['VITE_DEV_SERVER_URL'];
let mainWindow: BrowserWindow | undefined;

function createRuntimeForElectron(cacheDir: string): Runtime {
  const spawn = utilitySpawner(engineEntry({ ...process.env, LATENTSHOP_CACHE_DIR: cacheDir }));
  return createRuntime(spawn, {
    mode: 'electron',
    electronVersion: process.versions.electron,
    exportDir: app.getPath('pictures'),
    stateDir: process.env['LATENTSHOP_STATE_DIR'] ?? app.getPath('userData'),
    // Same origin as the page, so a canvas that draws a preview is not tainted (eyedropper).
    previewUrl: (id) => `${APP_ORIGIN}${previewPath(id)}`,
    dialogs: electronDialogs(() => BrowserWindow.getFocusedWindow() ?? mainWindow),
  });
}

async function createWindow(runtime: Runtime): Promise<void> {
  const window = new BrowserWindow(secureWindowOptions(join(here, 'preload.cjs')));
  mainWindow = window;
  window.once('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  forwardEvents(runtime, window.webContents);
  promptBeforeUnload(window);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

function start(): void {
  registerSchemes();
  app.whenReady().then(async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'latentshop-session-'));
    const runtime = createRuntimeForElectron(cacheDir);
    hardenApp(devServerUrl);
    handleProtocols(join(here, '..', 'dist', 'renderer'), runtime);
    registerIpc(runtime, devServerUrl);
    void runtime.batches.restore().catch(() => undefined);
    // A second launch would resume the same saved batches again, so it quits and brings this window up.
    app.on('second-instance', () => {
      if (!mainWindow) return void createWindow(runtime);
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) void createWindow(runtime);
    });
    app.on('will-quit', () => {
      runtime.dispose();
      rmSync(cacheDir, { recursive: true, force: true });
    });
    await createWindow(runtime);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

// One instance per user: the state folder (saved batch queues) is shared.
if (app.requestSingleInstanceLock()) start();
else app.quit();
