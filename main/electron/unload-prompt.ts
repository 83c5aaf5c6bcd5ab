import { type BrowserWindow, dialog } from 'electron';

/**
 * The renderer's beforeunload asks to stay while work is not exported, and Electron, unlike a
 * browser, then shows nothing and just refuses to close. So main asks the question itself.
 */
export function promptBeforeUnload(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Close without exporting', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: 'You have changes that are not exported.',
      detail: 'Closing discards them and their undo history.',
    });
    // Here preventDefault overrides the renderer's beforeunload: the window does close.
    if (choice === 0) event.preventDefault();
  });
}
