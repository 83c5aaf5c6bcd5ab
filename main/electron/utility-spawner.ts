import { utilityProcess } from 'electron';
import type { EngineToHost } from '../engine/protocol';
import type { EngineSpawner, ForkOptions } from '../engine/host/spawner';

/** Under Electron the engine is a utilityProcess: a crash or a long job never blocks the UI. */
export function utilitySpawner({ entry, env }: ForkOptions): EngineSpawner {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Latentshop engine', env: env ?? process.env, stdio: 'inherit' });
    // A fatal V8 error is emitted as 'error', which throws in main when nobody listens; 'exit'
    // follows anyway, and the host restarts the engine there, so a line on stderr is enough.
    child.on('error', (type, location) => process.stderr.write(`latentshop: engine ${type} at ${location}\n`));
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => child.postMessage(message),
      onMessage: (listener) => child.on('message', (message: unknown) => listener(message as EngineToHost)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill(),
    };
  };
}
