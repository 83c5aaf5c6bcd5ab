/**
 * Resumable checkpoints: every model, each optimizer's slots (Adam moments and
 * its iteration count), the step and the RNG state, so `--resume` continues
 * the same random stream instead of restarting it.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadModel, loadTensors, saveModel, saveTensors, writeAtomic } from './io.js';
import { Rng, type RngState } from './rng.js';

export interface CheckpointState {
  step: number;
  rng: RngState;
  /** Training wall time so far, so the model card reports the whole run. */
  elapsedMs: number;
  config: Record<string, unknown>;
  metrics?: Record<string, number>;
}

export interface Checkpointable {
  models: Record<string, tf.LayersModel>;
  optimizers: Record<string, tf.Optimizer>;
}

export async function saveCheckpoint(dir: string, parts: Checkpointable, state: CheckpointState): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const [name, model] of Object.entries(parts.models)) await saveModel(model, join(dir, name));
  for (const [name, opt] of Object.entries(parts.optimizers)) {
    const weights = await opt.getWeights();
    await saveTensors(join(dir, `opt-${name}`), weights);
  }
  // state.json last: its presence marks the checkpoint complete.
  writeAtomic(join(dir, 'state.json'), JSON.stringify(state, null, 1));
}

export function hasCheckpoint(dir: string): boolean {
  return existsSync(join(dir, 'state.json'));
}

/** Copies saved weights into the live models and optimizers (which must have been built identically). */
export async function loadCheckpoint(dir: string, parts: Checkpointable): Promise<CheckpointState> {
  const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as CheckpointState;
  for (const [name, model] of Object.entries(parts.models)) {
    const saved = await loadModel(join(dir, name));
    model.setWeights(saved.getWeights());
    saved.dispose();
  }
  for (const [name, opt] of Object.entries(parts.optimizers)) {
    const tensors = loadTensors(join(dir, `opt-${name}`));
    await opt.setWeights(tensors);
    tf.dispose(tensors.map((t) => t.tensor));
  }
  return state;
}

export interface StartingPoint {
  step: number;
  /** Wall time of the run before this process, from the checkpoint. */
  elapsedPrior: number;
  rng: Rng;
  metrics?: Record<string, number>;
}

/**
 * Where a run starts: step 0 with the given RNG, or, under `--resume` with a complete
 * checkpoint, its weights, step, wall time and RNG stream. One place for every trainer.
 */
export async function startingPoint(dir: string, parts: Checkpointable, resume: boolean, rng: Rng): Promise<StartingPoint> {
  if (!resume || !hasCheckpoint(dir)) return { step: 0, elapsedPrior: 0, rng };
  const state = await loadCheckpoint(dir, parts);
  const start: StartingPoint = { step: state.step, elapsedPrior: state.elapsedMs, rng: Rng.fromState(state.rng) };
  if (state.metrics) start.metrics = state.metrics;
  return start;
}
