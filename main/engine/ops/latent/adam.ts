import * as tf from '@tensorflow/tfjs';

/**
 * Adam on a latent batch, written out rather than tf.train.adam so the learning rate can
 * follow a schedule and every row (start, candidate) moves independently of the others.
 */
export class LatentAdam {
  private m: tf.Tensor;
  private v: tf.Tensor;
  private t = 0;

  constructor(
    shape: number[],
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-8,
  ) {
    this.m = tf.zeros(shape);
    this.v = tf.zeros(shape);
  }

  /** Returns the updated z (a new tensor); the caller disposes the old one and `grad`. */
  step(z: tf.Tensor, grad: tf.Tensor, lr: number): tf.Tensor {
    this.t += 1;
    const [m, v, next] = tf.tidy(() => {
      const m1 = this.m.mul(this.beta1).add(grad.mul(1 - this.beta1));
      const v1 = this.v.mul(this.beta2).add(grad.square().mul(1 - this.beta2));
      const mHat = m1.div(1 - this.beta1 ** this.t);
      const vHat = v1.div(1 - this.beta2 ** this.t);
      return [m1, v1, z.sub(mHat.div(vHat.sqrt().add(this.eps)).mul(lr))];
    });
    tf.dispose([this.m, this.v]);
    this.m = m;
    this.v = v;
    return next;
  }

  /** Forgets the moments (for new coordinates): the next step is a first step again. */
  reset(): void {
    const shape = this.m.shape;
    tf.dispose([this.m, this.v]);
    this.m = tf.zeros(shape);
    this.v = tf.zeros(shape);
    this.t = 0;
  }

  dispose(): void {
    tf.dispose([this.m, this.v]);
  }
}

/**
 * Cosine decay from lr to lr/10 over n steps (big moves first, settling at the end), times a
 * linear warm-up over the first `warmup` steps. Why the warm-up: Adam's first steps are sign
 * steps, lr on every coordinate whatever the gradient's size, until its moment estimates
 * fill; from a good start (E's code) they undo much of its head start.
 */
export function cosineLr(lr: number, step: number, steps: number, warmup = 0): number {
  const t = steps <= 1 ? 1 : step / (steps - 1);
  const ramp = warmup > 0 ? Math.min(1, (step + 1) / warmup) : 1;
  return lr * ramp * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * t)));
}

/** Lets cancel messages and progress go out between steps of a tight loop. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
