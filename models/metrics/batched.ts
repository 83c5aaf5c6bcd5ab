/** Batched inference helpers for evaluation over thousands of images without big tensors. */
import * as tf from '@tensorflow/tfjs';

/**
 * Runs `model` over `count` inputs made by `make(start, n)` in chunks and
 * returns the concatenated rows of its (flattened) output.
 */
export function predictRows(model: tf.LayersModel, count: number, make: (start: number, n: number) => tf.Tensor,
  batch = 500): { rows: Float32Array; dim: number } {
  let rows = new Float32Array(0);
  let dim = 0;
  for (let start = 0; start < count; start += batch) {
    const n = Math.min(batch, count - start);
    const out = tf.tidy(() => (model.predict(make(start, n)) as tf.Tensor).reshape([n, -1]));
    if (start === 0) { dim = out.shape[1]!; rows = new Float32Array(count * dim); }
    rows.set(out.dataSync(), start * dim);
    out.dispose();
  }
  return { rows, dim };
}

/** Sub-model exposing the activations of layer `name` (e.g. C's 'features'). */
export function layerModel(model: tf.LayersModel, name: string): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(name).output as tf.SymbolicTensor });
}
