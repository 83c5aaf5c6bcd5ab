import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll } from 'vitest';

/** Switches tfjs to `name` once, before the file's tests (wasm needs an async init). */
export function useBackend(name: 'wasm' | 'cpu'): void {
  beforeAll(async () => {
    await setBackend(name);
  });
}

export async function setBackend(name: 'wasm' | 'cpu'): Promise<void> {
  if (tf.getBackend() === name) return;
  if (!(await tf.setBackend(name))) throw new Error(`tfjs backend ${name} failed to initialise`);
  await tf.ready();
}
