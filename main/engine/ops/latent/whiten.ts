import * as tf from '@tensorflow/tfjs';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { throwIfCancelled } from '../context';
import { yieldToEventLoop } from './adam';
import type { LatentFamily } from './family';

/**
 * Step of the finite differences that estimate G's pixel Jacobian. tfjs has no forward-mode
 * autodiff, and 64 forward passes of G (one batch) cost less than the 1 024 backward passes
 * (one per pixel) an exact Jacobian would take; G is smooth at this scale in float32.
 */
const JACOBIAN_STEP = 1e-2;
/**
 * Anchors whose perturbed copies go through G in one batch (latentSize + 1 rows each). Between
 * batches a cancel can land: a big batch of anchors takes seconds on wasm.
 */
const ANCHORS_PER_BATCH = 8;

/**
 * Maps from whitened coordinates u to latent offsets, one per anchor row: z = anchor + u · map.
 *
 * Why: Adam scales each coordinate of z on its own, but G's pixel response mixes them. Around
 * a good start (E's code) the pixel loss is a long, tilted valley, and Adam crawls along it.
 * With H = JᵀJ / pixels (Gauss-Newton's curvature of the pixel loss, J = ∂G/∂z at the anchor)
 * scaled to a unit mean eigenvalue and damped by `damping`·I, map = D^{-1/2}·Vᵀ for H = V·D·Vᵀ:
 * each u coordinate is one eigen-direction of H, scaled so that the pixel loss has the same
 * curvature along every coordinate. Adam then runs on a round bowl near the anchor. The damping
 * caps the stretch along directions G barely responds to (the latent prior and the feature
 * loss still act on those).
 */
export async function whiteningMaps(fam: Pick<LatentFamily, 'generate'>, anchors: tf.Tensor2D, damping: number, signal?: AbortSignal): Promise<tf.Tensor3D> {
  const [rows, size] = anchors.shape;
  const curvature = await pixelCurvature(fam, anchors, signal);
  const maps = new Float32Array(rows * size * size);
  for (let r = 0; r < rows; r += 1) {
    maps.set(whiteningMap(curvature.subarray(r * size * size, (r + 1) * size * size), size, damping), r * size * size);
  }
  return tf.tensor3d(maps, [rows, size, size]);
}

/** JᵀJ / pixels per anchor row (rows × size × size, packed), by forward differences. */
async function pixelCurvature(fam: Pick<LatentFamily, 'generate'>, anchors: tf.Tensor2D, signal?: AbortSignal): Promise<Float32Array> {
  const [rows, size] = anchors.shape;
  const out = new Float32Array(rows * size * size);
  for (let first = 0; first < rows; first += ANCHORS_PER_BATCH) {
    if (first > 0) await yieldToEventLoop();
    if (signal) throwIfCancelled(signal);
    const count = Math.min(ANCHORS_PER_BATCH, rows - first);
    const block = tf.tidy(() => {
      const base = anchors.slice([first, 0], [count, size]);
      const nudged = base.expandDims(1).add(tf.eye(size).mul(JACOBIAN_STEP).expandDims(0)).reshape([count * size, size]);
      const g0 = fam.generate(base).reshape([count, 1, -1]);
      const jacobian = fam.generate(nudged).reshape([count, size, -1]).sub(g0).div(JACOBIAN_STEP);
      return tf.matMul(jacobian, jacobian, false, true).div(jacobian.shape[2]!);
    });
    out.set(block.dataSync(), first * size * size);
    block.dispose();
  }
  return out;
}

/** D^{-1/2}·Vᵀ of the scaled, damped curvature (see whiteningMaps), row-major size × size. */
export function whiteningMap(curvature: ArrayLike<number>, size: number, damping: number): Float32Array {
  let trace = 0;
  for (let i = 0; i < size; i += 1) trace += curvature[i * size + i]!;
  const scale = trace > 0 ? size / trace : 1;
  const h = Matrix.zeros(size, size);
  for (let i = 0; i < size; i += 1) {
    for (let j = 0; j < size; j += 1) h.set(i, j, curvature[i * size + j]! * scale + (i === j ? damping : 0));
  }
  const { eigenvectorMatrix: v, realEigenvalues: d } = new EigenvalueDecomposition(h, { assumeSymmetric: true });
  const map = new Float32Array(size * size);
  for (let i = 0; i < size; i += 1) {
    const stretch = 1 / Math.sqrt(Math.max(d[i]!, damping));
    for (let j = 0; j < size; j += 1) map[i * size + j] = v.get(j, i) * stretch;
  }
  return map;
}

/**
 * The coordinates Adam moves in for a batch of latents: whitened around anchors
 * (z = anchor + u · map, see whiteningMaps), or z itself where `damping` is null.
 */
export class LatentCoordinates {
  private anchors: tf.Tensor2D | null = null;
  private maps: tf.Tensor3D | null = null;

  constructor(
    private readonly fam: Pick<LatentFamily, 'generate'>,
    private readonly damping: number | null,
    private readonly signal?: AbortSignal,
  ) {}

  /** (Re)centres the coordinates on z; returns z's coordinates (a new tensor; z is kept). */
  async centreOn(z: tf.Tensor2D): Promise<tf.Tensor2D> {
    if (this.damping === null) return z.clone();
    const maps = await whiteningMaps(this.fam, z, this.damping, this.signal);
    this.disposeAnchors();
    this.anchors = z.clone();
    this.maps = maps;
    return tf.zerosLike(z);
  }

  /** The latents at coordinates u, for use inside tf.tidy or tf.grad (may return u itself). */
  toLatent(u: tf.Tensor): tf.Tensor {
    if (!this.anchors || !this.maps) return u;
    return this.anchors.add(tf.matMul(u.expandDims(1), this.maps).squeeze([1]));
  }

  /** The latents at coordinates u as a new tensor the caller owns. */
  latent(u: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => this.toLatent(u).clone() as tf.Tensor2D);
  }

  values(u: tf.Tensor): Float32Array {
    return tf.tidy(() => this.toLatent(u).dataSync() as Float32Array);
  }

  dispose(): void {
    this.disposeAnchors();
  }

  private disposeAnchors(): void {
    tf.dispose([this.anchors ?? [], this.maps ?? []]);
    this.anchors = null;
    this.maps = null;
  }
}
