import type { Level } from './level';
import type { Pacer } from './pacer';

/**
 * Gradient-domain reconstruction of the hole (Pérez et al. 2003; Darabi et al. 2012,
 * "Image Melding"). Copied patches carry absolute colours, so inside a gradient (sky,
 * a wall in falling light) the fill shows steps; their Laplacians agree, though. We
 * solve, for the hole pixels u,
 *   (deg + λ)·u_q − Σ_{hole n} u_n = L_q + Σ_{known n} I_n + λ·f_q
 * with L the voted Laplacian, f the voted colour and a small screening λ that keeps
 * colours from drifting where the guidance is inconsistent. Jacobi-preconditioned
 * conjugate gradients, started from the current hole (the coarser scale's answer),
 * so a few iterations per EM step suffice.
 */
export async function poissonSolve(level: Level, holes: Int32Array, lap: Float32Array, colour: Float32Array, lambda: number, iterations: number, pacer: Pacer): Promise<void> {
  const { img, w, h, c, hole } = level;
  const n = holes.length;
  const index = new Int32Array(w * h).fill(-1);
  for (let i = 0; i < n; i++) index[holes[i]!] = i;
  const nbr = new Int32Array(n * 4).fill(-1);
  const diag = new Float32Array(n);
  const b = new Float32Array(n * c);
  const x = new Float32Array(n * c);
  for (let i = 0; i < n; i++) {
    const q = holes[i]!;
    const qx = q % w;
    const qy = (q - qx) / w;
    const around = [qx > 0 ? q - 1 : -1, qx < w - 1 ? q + 1 : -1, qy > 0 ? q - w : -1, qy < h - 1 ? q + w : -1];
    let deg = 0;
    for (let e = 0; e < 4; e++) {
      const m = around[e]!;
      if (m < 0) continue;
      deg++;
      if (hole[m] !== 0) nbr[i * 4 + e] = index[m]!;
      else for (let k = 0; k < c; k++) b[i * c + k] = b[i * c + k]! + img[m * c + k]!;
    }
    diag[i] = deg + lambda;
    for (let k = 0; k < c; k++) {
      b[i * c + k] = b[i * c + k]! + lap[q * c + k]! + lambda * colour[q * c + k]!;
      x[i * c + k] = img[q * c + k]!;
    }
  }
  const apply = (v: Float32Array, out: Float32Array): void => {
    for (let i = 0; i < n; i++) {
      const d = diag[i]!;
      for (let k = 0; k < c; k++) {
        let s = d * v[i * c + k]!;
        for (let e = 0; e < 4; e++) {
          const j = nbr[i * 4 + e]!;
          if (j >= 0) s -= v[j * c + k]!;
        }
        out[i * c + k] = s;
      }
    }
  };
  const res = new Float32Array(n * c);
  apply(x, res);
  for (let i = 0; i < n * c; i++) res[i] = b[i]! - res[i]!;
  const z = new Float32Array(n * c);
  const precondition = (): void => {
    for (let i = 0; i < n * c; i++) z[i] = res[i]! / diag[(i / c) | 0]!;
  };
  precondition();
  const dir = Float32Array.from(z);
  const adir = new Float32Array(n * c);
  let rz = dot(res, z);
  for (let it = 0; it < iterations && rz > 1e-6 * n; it++) {
    apply(dir, adir);
    const alpha = rz / Math.max(1e-30, dot(dir, adir));
    for (let i = 0; i < n * c; i++) {
      x[i] = x[i]! + alpha * dir[i]!;
      res[i] = res[i]! - alpha * adir[i]!;
    }
    precondition();
    const next = dot(res, z);
    const beta = next / rz;
    rz = next;
    for (let i = 0; i < n * c; i++) dir[i] = z[i]! + beta * dir[i]!;
    await pacer.tick();
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < c; k++) img[holes[i]! * c + k] = x[i * c + k]!;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
