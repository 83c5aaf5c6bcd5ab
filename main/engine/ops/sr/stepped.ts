import * as tf from '@tensorflow/tfjs';
import { throwIfCancelled } from '../context';
import { runSubpixel, type SubpixelPair } from './subpixel';

/** Compute between two looks at the cancel signal: short enough that cancel lands well inside a second. */
export const STEP_SLICE_MS = 60;

/**
 * Runs a functional layers-model one layer at a time and yields to the event loop every
 * `sliceMs` of compute, so an abort message can arrive and is honoured *inside* a tile.
 * wasm runs a whole `predict` as one blocking call: a thick ESRGAN tile takes ≥ 1.4 s
 * even at the smallest useful size, which cannot cancel within a second any other way
 * (short of killing the engine). The layers and their kernels are exactly those
 * `predict` runs, so the output is the same bit for bit, except where `subpixel` pairs
 * (see subpixel.ts) are evaluated at low resolution: the same function, summed in another
 * order. Each intermediate tensor is freed as soon as its last consumer has run, so peak
 * memory is at most `predict`'s.
 */
export async function predictStepped(model: tf.LayersModel, input: tf.Tensor, signal: AbortSignal, sliceMs = STEP_SLICE_MS, subpixel: readonly SubpixelPair[] = []): Promise<tf.Tensor> {
  const [modelInput] = model.inputs;
  const [modelOutput] = model.outputs;
  if (model.inputs.length !== 1 || model.outputs.length !== 1 || !modelInput || !modelOutput) {
    throw new Error(`${model.name}: stepped inference needs one input and one output`);
  }
  // An InputLayer's node has no inbound layers: the input tensor is given, not computed.
  const nodes = model.layers.flatMap((layer) => layer.inboundNodes.filter((n) => n.inboundLayers.length > 0));
  // How many nodes still need each symbolic tensor: a tensor is freed when this reaches 0.
  const uses = new Map<number, number>();
  for (const node of nodes) for (const t of node.inputTensors) uses.set(t.id, (uses.get(t.id) ?? 0) + 1);
  const live = new Map<number, tf.Tensor>([[modelInput.id, input]]);
  let sliceStart = performance.now();
  try {
    for (const node of nodes) {
      if (performance.now() - sliceStart > sliceMs) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        throwIfCancelled(signal);
        sliceStart = performance.now();
      }
      const pair = subpixel.find((p) => p.upsample === node.outboundLayer);
      // The pair's conv ran with its upsample; its input (the HR upsampled image) never exists.
      if (subpixel.some((p) => p.conv === node.outboundLayer)) continue;
      const inputs = node.inputTensors.map((t) => {
        const value = live.get(t.id);
        if (!value) throw new Error(`${model.name}: layer ${node.outboundLayer.name} runs before its input ${t.name}`);
        return value;
      });
      if (pair) {
        live.set(pair.conv.inboundNodes[0]!.outputTensors[0]!.id, runSubpixel(pair, inputs[0]!));
        consume(node.inputTensors, uses, live, modelOutput.id, input);
        continue;
      }
      const outputs = tf.tidy(() => {
        const y = node.outboundLayer.apply(inputs.length === 1 ? inputs[0]! : inputs, { training: false });
        // A pass-through layer (linear activation) returns its input: clone, so each live entry owns its tensor.
        return ((Array.isArray(y) ? y : [y]) as tf.Tensor[]).map((o) => (inputs.includes(o) ? o.clone() : o));
      });
      node.outputTensors.forEach((t, i) => live.set(t.id, outputs[i]!));
      consume(node.inputTensors, uses, live, modelOutput.id, input);
    }
    const out = live.get(modelOutput.id);
    if (!out) throw new Error(`${model.name}: the output ${modelOutput.name} was never computed`);
    live.delete(modelOutput.id);
    return out;
  } finally {
    for (const id of [...live.keys()]) release(live, id, input);
  }
}

/** One use of each input is done: free those no later node needs. */
function consume(tensors: readonly tf.SymbolicTensor[], uses: Map<number, number>, live: Map<number, tf.Tensor>, outputId: number, input: tf.Tensor): void {
  for (const t of tensors) {
    const left = (uses.get(t.id) ?? 1) - 1;
    uses.set(t.id, left);
    if (left === 0 && t.id !== outputId) release(live, t.id, input);
  }
}

/** Frees a live tensor, never the caller's input (the caller owns it). */
function release(live: Map<number, tf.Tensor>, id: number, input: tf.Tensor): void {
  const t = live.get(id);
  live.delete(id);
  if (t && t !== input) t.dispose();
}
