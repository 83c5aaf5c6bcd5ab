import * as tf from '@tensorflow/tfjs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { modelInvalid, modelNotFound } from './errors';

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2, complex64: 8 };

/**
 * A tf.io.IOHandler that reads model.json and its weight shards with node:fs, so
 * layers- and graph-models load from disk on any backend (tfjs-node's file:// handler
 * is not available here). Shards stay separate ArrayBuffers (tfjs joins them lazily),
 * which avoids one big copy for multi-shard models.
 */
export function fileSystemHandler(modelJsonPath: string): tf.io.IOHandler {
  return { load: () => loadArtifacts(modelJsonPath) };
}

async function loadArtifacts(file: string): Promise<tf.io.ModelArtifacts> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw modelNotFound(file, 'model.json not found');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw modelInvalid(file, `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const modelJson = asModelJson(json, file);
  return tf.io.getModelArtifactsForJSON(modelJson, (manifest) => readShards(manifest, file));
}

function asModelJson(json: unknown, file: string): tf.io.ModelJSON {
  if (typeof json !== 'object' || json === null) throw modelInvalid(file, 'not a tfjs model.json object');
  const candidate = json as { modelTopology?: unknown; weightsManifest?: unknown };
  if (typeof candidate.modelTopology !== 'object' || candidate.modelTopology === null) {
    throw modelInvalid(file, 'modelTopology: is required');
  }
  if (!Array.isArray(candidate.weightsManifest)) throw modelInvalid(file, 'weightsManifest: must be an array');
  candidate.weightsManifest.forEach((group: unknown, i) => {
    const g = group as { paths?: unknown; weights?: unknown } | null;
    if (!g || !Array.isArray(g.paths) || !Array.isArray(g.weights)) {
      throw modelInvalid(file, `weightsManifest[${i}]: needs "paths" and "weights" arrays`);
    }
  });
  return json as tf.io.ModelJSON;
}

async function readShards(
  manifest: tf.io.WeightsManifestConfig,
  file: string,
): Promise<[tf.io.WeightsManifestEntry[], ArrayBuffer[]]> {
  const specs = manifest.flatMap((group) => group.weights);
  const buffers: ArrayBuffer[] = [];
  for (const shard of manifest.flatMap((group) => group.paths)) {
    const shardPath = join(dirname(file), shard);
    let bytes: Buffer;
    try {
      bytes = await readFile(shardPath);
    } catch {
      throw modelNotFound(shardPath, `weight shard missing (listed in ${file})`);
    }
    buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  }
  const expected = expectedBytes(specs);
  const actual = buffers.reduce((sum, b) => sum + b.byteLength, 0);
  if (expected !== undefined && expected !== actual) {
    throw modelInvalid(file, `weight shards hold ${actual} bytes but the manifest needs ${expected} (truncated or wrong shard?)`);
  }
  return [specs, buffers];
}

/** Bytes the specs need, or undefined when it cannot be known (string weights). */
function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const bytes = DTYPE_BYTES[dtype];
    if (bytes === undefined) return undefined;
    total += spec.shape.reduce((a, b) => a * b, 1) * bytes;
  }
  return total;
}
