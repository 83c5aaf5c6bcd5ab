import { app, type BrowserWindow, dialog } from 'electron';

/** The question in each language the UI ships; the page's `lang` (set by its language switch) picks one. */
const WORDING = {
  en: {
    buttons: ['Close without exporting', 'Cancel'],
    message: 'You have changes that are not exported.',
    detail: 'Closing discards them and their undo history.',
  },
  'zh-CN': {
    buttons: ['不导出并关闭', '取消'],
    message: '您有尚未导出的更改。',
    detail: '关闭将丢弃这些更改及其撤销历史。',
  },
} as const;

export function unloadWording(lang: string): (typeof WORDING)[keyof typeof WORDING] {
  return lang.toLowerCase().startsWith('zh') ? WORDING['zh-CN'] : WORDING.en;
}

/**
 * The renderer's beforeunload asks to stay while work is not exported, and Electron, unlike a
 * browser, then shows nothing and just refuses to close. So main asks the question itself, in
 * the UI's language. Reading that language is asynchronous, so the close is refused first and
 * the window destroyed (which skips beforeunload) once the user chooses to close.
 */
export function promptBeforeUnload(window: BrowserWindow): void {
  let quitting = false;
  let asking = false;
  const onQuit = (): void => void (quitting = true);
  app.on('before-quit', onQuit);
  window.once('closed', () => app.off('before-quit', onQuit));
  window.webContents.on('will-prevent-unload', () => {
    if (asking) return; // A quit asked for meanwhile is in `quitting`, read when the answer comes.
    asking = true;
    void ask(window)
      .then((close) => {
        if (!close) return void (quitting = false); // The quit was refused with the close.
        if (window.isDestroyed()) return;
        window.destroy();
        if (quitting) app.quit();
      })
      .finally(() => (asking = false));
  });
}

async function ask(window: BrowserWindow): Promise<boolean> {
  const lang = await window.webContents.executeJavaScript('document.documentElement.lang').then(String, () => 'en');
  const wording = unloadWording(lang);
  const { response } = await dialog.showMessageBox(window, {
    type: 'question',
    buttons: [...wording.buttons],
    defaultId: 1,
    cancelId: 1,
    message: wording.message,
    detail: wording.detail,
  });
  return response === 0;
}
