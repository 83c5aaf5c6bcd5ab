/**
 * Layers-model save/load with node:fs: tfjs-node's file:// handler is not
 * available here, so we write the standard model.json + weights.bin pair
 * ourselves (same format as tfjs-converter output, loadable by any tfjs).
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WEIGHTS_FILE = 'weights.bin';

export interface NamedTensor { name: string; tensor: tf.Tensor }

/** Writes via temp file + rename so a crash never leaves a half-written model. */
function writeAtomic(path: string, data: string | Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

function concatWeightData(data: ArrayBuffer | ArrayBuffer[] | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  const parts = Array.isArray(data) ? data : [data];
  const total = parts.reduce((n, p) => n + p.byteLength, 0);
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) { out.set(new Uint8Array(p), off); off += p.byteLength; }
  return out;
}

/** IOHandler writing `dir`/model.json and `dir`/weights.bin. */
export function fsSaveHandler(dir: string): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    mkdirSync(dir, { recursive: true });
    const weights = concatWeightData(artifacts.weightData as ArrayBuffer | ArrayBuffer[] | undefined);
    writeAtomic(join(dir, WEIGHTS_FILE), weights);
    const modelJson = {
      format: 'layers-model',
      generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: null,
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    };
    writeAtomic(join(dir, 'model.json'), JSON.stringify(modelJson));
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weights.byteLength } };
  });
}

export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(fsSaveHandler(dir), { includeOptimizer: false });
}

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** Reads a model.json (+ its shards, resolved beside it) into memory artifacts. */
export function readArtifacts(dir: string): tf.io.ModelArtifacts {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelJson;
  const specs: tf.io.WeightsManifestEntry[] = [];
  const shards: Uint8Array[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const p of group.paths) shards.push(readFileSync(join(dir, p)));
  }
  const weightData = concatWeightData(shards.map((s) => s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength) as ArrayBuffer));
  return { modelTopology: json.modelTopology, weightSpecs: specs, weightData: weightData.buffer as ArrayBuffer };
}

export async function loadModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(readArtifacts(dir)));
}

/** Saves named tensors (optimizer slots) as JSON specs + one binary blob. */
export async function saveTensors(path: string, tensors: NamedTensor[]): Promise<void> {
  const { data, specs } = await tf.io.encodeWeights(tensors);
  writeAtomic(`${path}.bin`, new Uint8Array(data));
  writeAtomic(`${path}.json`, JSON.stringify(specs));
}

export function loadTensors(path: string): NamedTensor[] {
  const specs = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as tf.io.WeightsManifestEntry[];
  const buf = readFileSync(`${path}.bin`);
  const map = tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, specs);
  return specs.map((s) => ({ name: s.name, tensor: map[s.name]! }));
}

export { writeAtomic };
