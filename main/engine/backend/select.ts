import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import type { BackendInfo, BackendName, SkippedBackend } from '../../../preload/contract/types';

/** One rung of the fallback ladder. `load` throws when the backend cannot run here. */
export interface BackendCandidate {
  name: BackendName;
  /** tfjs backend id after loading. */
  tfName: string;
  load(): Promise<void>;
}

const require = createRequire(import.meta.url);

/** The ladder the design fixes: native GPU, native CPU, wasm with SIMD, plain JS. */
export function defaultCandidates(): BackendCandidate[] {
  return [
    { name: 'tensorflow-gpu', tfName: 'tensorflow', load: async () => void require('@tensorflow/tfjs-node-gpu') },
    { name: 'tensorflow', tfName: 'tensorflow', load: async () => void require('@tensorflow/tfjs-node') },
    { name: 'wasm', tfName: 'wasm', load: async () => undefined },
    { name: 'cpu', tfName: 'cpu', load: async () => undefined },
  ];
}

/**
 * Picks the first backend that loads and initialises. A missing native library is a
 * fallback, not an error: the reason records why each better rung was skipped.
 * `LATENTSHOP_BACKEND` forces a rung (e.g. for benchmarks).
 */
export async function selectBackend(
  candidates: BackendCandidate[] = defaultCandidates(),
  forced: string | undefined = process.env['LATENTSHOP_BACKEND'],
): Promise<BackendInfo> {
  const skipped: SkippedBackend[] = [];
  const ladder = forced ? candidates.filter((c) => c.name === forced) : candidates;
  if (forced && ladder.length === 0) skipped.push({ name: forced, detail: 'LATENTSHOP_BACKEND names no known backend' });
  for (const candidate of ladder.length > 0 ? ladder : candidates) {
    try {
      await candidate.load();
      if (!(await tf.setBackend(candidate.tfName))) throw new Error('initialisation failed');
      await tf.ready();
      return describe(candidate.name, skipped, forced);
    } catch (error) {
      skipped.push(skip(candidate.name, error));
    }
  }
  throw new Error(`No TensorFlow.js backend could start (${skipped.map(english).join('; ')})`);
}

function describe(name: BackendName, skipped: SkippedBackend[], forced: string | undefined): BackendInfo {
  const chosen = forced === name ? `forced by LATENTSHOP_BACKEND` : `best available`;
  const reason = skipped.length > 0 ? `${chosen}; skipped ${skipped.map(english).join('; ')}` : chosen;
  const info: BackendInfo = { name, reason };
  if (forced === name) info.forced = true;
  if (skipped.length > 0) info.skipped = skipped;
  if (name === 'wasm') info.simd = tf.env().getBool('WASM_HAS_SIMD_SUPPORT');
  return info;
}

function skip(name: string, error: unknown): SkippedBackend {
  const message = error instanceof Error ? error.message : String(error);
  if (/Cannot find module/.test(message)) return { name, notInstalled: true };
  return { name, detail: (message.split('\n')[0] ?? message).slice(0, 160) };
}

function english(s: SkippedBackend): string {
  return `${s.name}: ${s.notInstalled ? 'not installed' : (s.detail ?? 'failed')}`;
}
