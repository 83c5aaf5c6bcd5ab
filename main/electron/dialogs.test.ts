import type { BaseWindow } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown = vi.hoisted(() => [] as { kind: string; parent: unknown; options: Record<string, unknown> }[]);

vi.mock('electron', () => {
  // Called as (options) or (window, options), like Electron's overloads.
  const record = (kind: string) => async (...args: unknown[]) => {
    const [parent, options] = args.length === 2 ? args : [undefined, args[0]];
    shown.push({ kind, parent, options: options as Record<string, unknown> });
    return { canceled: false, filePaths: ['/photos/a.png'], filePath: '/photos/out.png' };
  };
  return {
    app: { getPath: (name: string) => `/home/me/${name}` },
    dialog: { showOpenDialog: record('open'), showSaveDialog: record('save') },
  };
});

const { electronDialogs } = await import('./dialogs');

describe('native dialogs', () => {
  beforeEach(() => void (shown.length = 0));

  it('are modal to the app window when there is one', async () => {
    const window = { id: 1 };
    const dialogs = electronDialogs(() => window as unknown as BaseWindow);
    expect(await dialogs.openImages()).toEqual(['/photos/a.png']);
    expect(await dialogs.saveImage('out.png')).toBe('/photos/out.png');
    expect(await dialogs.chooseFolder?.()).toBe('/photos/a.png');
    expect(shown.map((s) => [s.kind, s.parent])).toEqual([
      ['open', window],
      ['save', window],
      ['open', window],
    ]);
    expect(shown[1]?.options).toEqual({ defaultPath: '/home/me/pictures/out.png' });
  });

  it('still open without a window (none focused and none left)', async () => {
    await electronDialogs(() => undefined).openImages();
    expect(shown).toMatchObject([{ kind: 'open', parent: undefined, options: { properties: ['openFile', 'multiSelections'] } }]);
  });
});
