import { app, type BaseWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { Platform } from '../services/latentshop-service';

const IMAGE_FILTERS = [{ name: 'Images', extensions: ['jpg', 'jpeg', 'png', 'webp', 'tif', 'tiff'] }];

/**
 * Native dialogs, modal to the app's window when there is one: a parentless dialog can slip
 * behind the window while the call that opened it waits.
 */
export function electronDialogs(parent: () => BaseWindow | undefined): NonNullable<Platform['dialogs']> {
  const open = (options: OpenDialogOptions) => {
    const window = parent();
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options);
  };
  const save = (options: SaveDialogOptions) => {
    const window = parent();
    return window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options);
  };
  return {
    openImages: async () => {
      const result = await open({ properties: ['openFile', 'multiSelections'], filters: IMAGE_FILTERS });
      return result.canceled ? [] : result.filePaths;
    },
    saveImage: async (suggestedName) => {
      const result = await save({ defaultPath: join(app.getPath('pictures'), suggestedName) });
      return result.canceled ? undefined : result.filePath;
    },
    chooseFolder: async () => {
      const result = await open({ properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
