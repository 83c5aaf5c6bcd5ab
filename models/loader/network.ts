import * as tf from '@tensorflow/tfjs';
import { LatentshopError } from '../../preload/contract/errors';
import { knownCustomLayers, registerCustomLayers } from './custom-layers';
import { modelInvalid } from './errors';
import { fileSystemHandler } from './fs-io';
import type { ModelFamily, NetworkRole, NetworkSpec } from './manifest-schema';
import { resolveModelPath } from './resolve-path';

/** A loaded network (tfjs-models style): run it, then dispose it. */
export interface Network {
  readonly family: ModelFamily;
  readonly spec: NetworkSpec;
  /** Absolute path of the model.json it came from. */
  readonly modelPath: string;
  readonly model: tf.LayersModel | tf.GraphModel;
  /** Runs the net on inputs in its own `spec.input.range`. The caller owns the result. */
  predict(input: tf.Tensor): tf.Tensor;
  dispose(): void;
}

/** Picks a network by name first, then by role (the first of that role). */
export function findNetwork(family: ModelFamily, which: NetworkRole | string): NetworkSpec {
  const spec = family.networks.find((n) => n.name === which) ?? family.networks.find((n) => n.role === which);
  if (spec) return spec;
  const names = family.networks.map((n) => n.name).join(', ');
  throw new LatentshopError('MODEL_NOT_FOUND', `Model family "${family.id}" has no network "${which}" (has: ${names})`, family.manifestPath);
}

/** Loads a family's network from disk on the current backend. */
export async function loadNetwork(family: ModelFamily, which: NetworkRole | string): Promise<Network> {
  const spec = findNetwork(family, which);
  const modelPath = resolveModelPath(spec.path, family.dir, family.manifestPath);
  registerCustomLayers();
  const unknown = spec.customLayers.filter((name) => !knownCustomLayers().includes(name));
  if (unknown.length > 0) throw modelInvalid(family.manifestPath, `networks "${spec.name}": unknown custom layer(s) ${unknown.join(', ')}`);
  const model = await loadModel(modelPath, spec.format);
  return {
    family,
    spec,
    modelPath,
    model,
    predict: (input) => {
      const out = model.predict(input);
      if (Array.isArray(out)) {
        // Multi-output nets: keep the first, free the rest so nothing leaks.
        out.slice(1).forEach((t) => t.dispose());
        return out[0]!;
      }
      return out as tf.Tensor;
    },
    dispose: () => model.dispose(),
  };
}

async function loadModel(path: string, format: NetworkSpec['format']): Promise<tf.LayersModel | tf.GraphModel> {
  const handler = fileSystemHandler(path);
  try {
    return format === 'graph-model' ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
  } catch (error) {
    if (error instanceof LatentshopError) throw error;
    const reason = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw modelInvalid(path, `cannot build the ${format}: ${reason}`);
  }
}
