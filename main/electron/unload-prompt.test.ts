import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  asked: [] as Record<string, unknown>[],
  answer: 0,
  quits: 0,
  app: undefined as unknown as import('node:events').EventEmitter & { off(event: string, listener: () => void): unknown },
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  electron.app = Object.assign(new Emitter(), { quit: () => (electron.quits += 1) });
  return {
    app: electron.app,
    dialog: {
      showMessageBox: async (_window: unknown, options: Record<string, unknown>) => {
        electron.asked.push(options);
        return { response: electron.answer };
      },
    },
  };
});

const { promptBeforeUnload } = await import('./unload-prompt');

function fakeWindow(lang: string) {
  const webContents = Object.assign(new EventEmitter(), { executeJavaScript: async () => lang });
  const closed = new EventEmitter();
  const window = {
    webContents,
    destroyed: false,
    isDestroyed: () => window.destroyed,
    destroy: () => {
      window.destroyed = true;
      closed.emit('closed');
    },
    once: (event: string, listener: () => void) => closed.once(event, listener),
  };
  promptBeforeUnload(window as unknown as Electron.BrowserWindow);
  return window;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the close prompt', () => {
  beforeEach(() => {
    electron.asked.length = 0;
    electron.quits = 0;
    electron.app.removeAllListeners();
  });

  it('asks in the UI language, and closes the window when the user chooses to', async () => {
    electron.answer = 0;
    const window = fakeWindow('zh-CN');
    window.webContents.emit('will-prevent-unload');
    await settle();
    expect(electron.asked).toMatchObject([{ message: '您有尚未导出的更改。', buttons: ['不导出并关闭', '取消'] }]);
    expect(window.destroyed).toBe(true);
    expect(electron.quits).toBe(0);
  });

  it('keeps the window on Cancel, and resumes a quit only when the user confirms', async () => {
    electron.answer = 1;
    const window = fakeWindow('en');
    electron.app.emit('before-quit');
    window.webContents.emit('will-prevent-unload');
    await settle();
    expect(electron.asked).toMatchObject([{ message: 'You have changes that are not exported.' }]);
    expect(window.destroyed).toBe(false);
    expect(electron.quits).toBe(0);
    electron.answer = 0;
    electron.app.emit('before-quit');
    window.webContents.emit('will-prevent-unload');
    await settle();
    expect(window.destroyed).toBe(true);
    expect(electron.quits).toBe(1);
  });

  it('asks once however many times the close is refused while it is asking', async () => {
    electron.answer = 1;
    const window = fakeWindow('en');
    window.webContents.emit('will-prevent-unload');
    window.webContents.emit('will-prevent-unload');
    await settle();
    expect(electron.asked).toHaveLength(1);
  });

  it('resumes a quit asked for while the question is open, and forgets the window once it closed', async () => {
    electron.answer = 0;
    const window = fakeWindow('en');
    window.webContents.emit('will-prevent-unload');
    electron.app.emit('before-quit'); // Cmd+Q while the dialog is up: the quit is refused with another close.
    window.webContents.emit('will-prevent-unload');
    await settle();
    expect(electron.asked).toHaveLength(1);
    expect(window.destroyed).toBe(true);
    expect(electron.quits).toBe(1);
    expect(electron.app.listenerCount('before-quit')).toBe(0);
  });
});
