import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';

const children = vi.hoisted(() => [] as EventEmitter[]);

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return {
    utilityProcess: {
      fork: () => {
        const child = Object.assign(new Emitter(), { pid: 42, postMessage: () => undefined, kill: () => true });
        children.push(child);
        return child;
      },
    },
  };
});

const { utilitySpawner } = await import('./utility-spawner');

describe('utilitySpawner (Electron engine process)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('survives a fatal V8 error in the engine: one line on stderr, then the exit the host restarts on', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const engine = utilitySpawner({ entry: '/app/engine.js' })();
    const exits: (number | null)[] = [];
    engine.onExit((code) => exits.push(code));
    const child = children.at(-1);
    // An 'error' nobody listens to would throw here, in Electron's main process.
    expect(() => child?.emit('error', 'FatalError', 'v8::ToLocalChecked Empty MaybeLocal', '{"report":1}')).not.toThrow();
    child?.emit('exit', 133);
    expect(stderr.mock.calls.map(([text]) => String(text))).toEqual(['latentshop: engine FatalError at v8::ToLocalChecked Empty MaybeLocal\n']);
    expect(exits).toEqual([133]);
  });
});
