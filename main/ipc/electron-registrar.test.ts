import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL, IPC_DROP_CHANNEL } from '../../preload/contract/service';
import type { Runtime } from '../app/runtime';
import { PathRegistry } from '../services/path-registry';

type Handler = (event: unknown, payload: unknown) => unknown;
const handlers = vi.hoisted(() => new Map<string, Handler>());

vi.mock('electron', () => ({ ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) } }));

const { registerIpc } = await import('./electron-registrar');

/** An IPC event from a frame at `url`, the window's main frame unless said otherwise. */
function from(url: string, mainFrame = true) {
  const frame = { url };
  return { senderFrame: frame, sender: { mainFrame: mainFrame ? frame : { url } } };
}

function setUp() {
  handlers.clear();
  const paths = new PathRegistry();
  const dispatched: unknown[] = [];
  registerIpc({ paths, dispatch: async (request: unknown) => (dispatched.push(request), { id: 1, ok: true, value: null }) } as unknown as Runtime, undefined);
  const drop = (event: unknown, payload: unknown) => Promise.resolve().then(() => handlers.get(IPC_DROP_CHANNEL)?.(event, payload));
  return { paths, dispatched, drop };
}

describe('Electron IPC registrar', () => {
  it('records dropped paths sent by the app page, so openDropped accepts them', async () => {
    const { paths, drop } = setUp();
    expect(() => paths.assertAllowed('/photos/a.png')).toThrow(expect.objectContaining({ code: 'PATH_NOT_ALLOWED' }));
    await drop(from('latentshop://app/index.html'), ['/photos/a.png', '/photos/b.png']);
    expect(paths.assertAllowed('/photos/a.png')).toBe('/photos/a.png');
    expect(paths.assertAllowed('/photos/b.png')).toBe('/photos/b.png');
  });

  it('records nothing from another frame or origin, or a payload that is not a list of paths', async () => {
    const { paths, drop } = setUp();
    await expect(drop(from('latentshop://app/index.html', false), ['/etc/passwd'])).rejects.toThrow(/untrusted frame/);
    await expect(drop(from('https://evil.example/'), ['/etc/passwd'])).rejects.toThrow(/untrusted frame/);
    await expect(drop(from('latentshop://app/index.html'), '/etc/passwd')).rejects.toThrow();
    await expect(drop(from('latentshop://app/index.html'), [])).rejects.toThrow();
    await expect(drop(from('latentshop://app/index.html'), [''])).rejects.toThrow();
    expect(() => paths.assertAllowed('/etc/passwd')).toThrow(expect.objectContaining({ code: 'PATH_NOT_ALLOWED' }));
  });

  it('still refuses contract calls from an untrusted frame and passes the app page through', async () => {
    const { dispatched } = setUp();
    const call = handlers.get(IPC_CHANNEL);
    expect(await call?.(from('https://evil.example/'), { id: 1, method: 'info', args: {} })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(dispatched).toEqual([]);
    expect(await call?.(from('latentshop://app/index.html'), { id: 2, method: 'info', args: {} })).toMatchObject({ ok: true });
    expect(dispatched).toEqual([{ id: 2, method: 'info', args: {} }]);
  });
});
