import { fork } from 'node:child_process';
import type { EngineToHost, HostToEngine } from '../protocol';

/** The slice of a child process the host needs; fork and utilityProcess both fit it. */
export interface EngineProcess {
  readonly pid: number | undefined;
  send(message: HostToEngine): void;
  onMessage(listener: (message: EngineToHost) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export type EngineSpawner = () => EngineProcess;

export interface ForkOptions {
  entry: string;
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Outside Electron the engine is a plain Node child, with structured-clone IPC for pixel buffers. */
export function forkSpawner({ entry, execArgv = [], env = process.env }: ForkOptions): EngineSpawner {
  return () => {
    const child = fork(entry, [], { execArgv, env, serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    return {
      get pid() {
        return child.pid;
      },
      send: (message) => {
        // A child killed mid-call can still read as connected while its pipe is gone. Without a
        // callback Node raises that EPIPE as an uncaught exception in main; the exit handler
        // already fails the call in flight with ENGINE_CRASHED and restarts the engine.
        if (child.connected) child.send(message, (error) => void error);
      },
      onMessage: (listener) => child.on('message', (message) => listener(message as EngineToHost)),
      onExit: (listener) => child.on('exit', (code) => listener(code)),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
