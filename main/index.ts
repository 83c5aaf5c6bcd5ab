import { app, BrowserWindow, dialog } from 'electron';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRuntime, type Runtime } from './app/runtime';
import { engineEntry } from './engine/host/entry';
import { hardenApp } from './electron/harden';
import { handleProtocols, registerSchemes } from './electron/protocols';
import { APP_ORIGIN, IMAGE_PROTOCOL } from './electron/trust';
import { promptBeforeUnload } from './electron/unload-prompt';
import { utilitySpawner } from './electron/utility-spawner';
import { secureWindowOptions } from './electron/window-options';
import { forwardEvents, registerIpc } from './ipc/electron-registrar';

const here = fileURLToPath(new URL('.', import.meta.url));
const devServerUrl = process.env['VITE_DEV_SERVER_URL'];
const IMAGE_FILTERS = [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff'] }];

registerSchemes();

function createRuntimeForElectron(cacheDir: string): Runtime {
  const spawn = utilitySpawner(engineEntry({ ...process.env, LATENTSHOP_CACHE_DIR: cacheDir }));
  return createRuntime(spawn, {
    mode: 'electron',
    electronVersion: process.versions.electron,
    exportDir: app.getPath('pictures'),
    stateDir: process.env['LATENTSHOP_STATE_DIR'] ?? app.getPath('userData'),
    previewUrl: (id) => `${IMAGE_PROTOCOL}://${id}/preview.png`,
    dialogs: {
      openImages: async () => {
        const result = await dialog.showOpenDialog({ properties: ['openFile', 'multiSelections'], filters: IMAGE_FILTERS });
        return result.canceled ? [] : result.filePaths;
      },
      saveImage: async (suggestedName) => {
        const result = await dialog.showSaveDialog({ defaultPath: join(app.getPath('pictures'), suggestedName) });
        return result.canceled ? undefined : result.filePath;
      },
      chooseFolder: async () => {
        const result = await dialog.showOpenDialog({ properties: ['openDirectory', 'createDirectory'] });
        return result.canceled ? undefined : result.filePaths[0];
      },
    },
  });
}

async function createWindow(runtime: Runtime): Promise<void> {
  const window = new BrowserWindow(secureWindowOptions(join(here, 'preload.cjs')));
  forwardEvents(runtime, window.webContents);
  promptBeforeUnload(window);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`);
}

app.whenReady().then(async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'latentshop-session-'));
  const runtime = createRuntimeForElectron(cacheDir);
  hardenApp(devServerUrl);
  handleProtocols(join(here, '..', 'dist', 'renderer'), runtime);
  registerIpc(runtime, devServerUrl);
  void runtime.batches.restore().catch(() => undefined);
  await createWindow(runtime);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void createWindow(runtime);
  });
  app.on('will-quit', () => {
    runtime.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
