import type { Level } from './level';
import type { Pacer } from './pacer';

/**
 * The hole's side of the 5-point Poisson system, which depends only on the hole's
 * shape and the known pixels around it, so one level's EM steps build it once.
 */
export interface PoissonSystem {
  /** Hole pixels (indices into the level), in the order of the unknowns. */
  holes: Int32Array;
  /** Unknown index of each hole pixel's left, right, upper and lower neighbour; -1 where it is known or outside the region. */
  nbr: Int32Array;
  /** In-region neighbours of each hole pixel. */
  degree: Float32Array;
  /** Sum of the known neighbours' colours per unknown and channel: the Dirichlet boundary. */
  boundary: Float32Array;
}

/** Builds the system for the hole pixels `holes` of `level`; hole pixel values are not read. */
export function poissonSystem(level: Level, holes: Int32Array): PoissonSystem {
  const { img, w, h, c, hole } = level;
  const n = holes.length;
  const nbr = new Int32Array(n * 4).fill(-1);
  const degree = new Float32Array(n);
  const boundary = new Float32Array(n * c);
  const index = new Int32Array(w * h);
  for (let i = 0; i < n; i++) index[holes[i]!] = i;
  for (let i = 0; i < n; i++) {
    const q = holes[i]!;
    const qx = q % w;
    const qy = (q - qx) / w;
    let deg = 0;
    for (let e = 0; e < 4; e++) {
      const inside = e === 0 ? qx > 0 : e === 1 ? qx < w - 1 : e === 2 ? qy > 0 : qy < h - 1;
      if (!inside) continue;
      deg++;
      const m = e === 0 ? q - 1 : e === 1 ? q + 1 : e === 2 ? q - w : q + w;
      if (hole[m] !== 0) nbr[i * 4 + e] = index[m]!;
      else for (let k = 0; k < c; k++) boundary[i * c + k] = boundary[i * c + k]! + img[m * c + k]!;
    }
    degree[i] = deg;
  }
  return { holes, nbr, degree, boundary };
}

/**
 * Gradient-domain reconstruction of the hole (Pérez et al. 2003; Darabi et al. 2012,
 * "Image Melding"). Copied patches carry absolute colours, so inside a gradient (sky,
 * a wall in falling light) the fill shows steps; their Laplacians agree, though. We
 * solve, for the hole pixels u,
 *   (deg + λ)·u_q − Σ_{hole n} u_n = L_q + Σ_{known n} I_n + λ·f_q
 * with L the voted Laplacian, f the voted colour and a small screening λ that keeps
 * colours from drifting where the guidance is inconsistent. Jacobi-preconditioned
 * conjugate gradients, started from the current hole (the coarser scale's answer),
 * so a few iterations per EM step suffice. `lap` and `colour` are per pixel of the
 * level, like `img`; pass `system` to reuse one built by `poissonSystem`.
 */
export async function poissonSolve(
  level: Level,
  holes: Int32Array,
  lap: Float32Array,
  colour: Float32Array,
  lambda: number,
  iterations: number,
  pacer: Pacer,
  system: PoissonSystem = poissonSystem(level, holes),
): Promise<void> {
  const { img, c } = level;
  const { nbr, boundary } = system;
  const n = holes.length;
  const size = n * c;
  // The operator's diagonal, deg + λ, and its inverse (the Jacobi preconditioner), per unknown.
  const diagonal = new Float32Array(n);
  const inverse = new Float32Array(n);
  const x = new Float32Array(size);
  const res = new Float32Array(size);
  for (let i = 0; i < n; i++) {
    const q = holes[i]!;
    diagonal[i] = system.degree[i]! + lambda;
    inverse[i] = 1 / diagonal[i]!;
    for (let k = 0; k < c; k++) {
      x[i * c + k] = img[q * c + k]!;
      res[i * c + k] = boundary[i * c + k]! + lap[q * c + k]! + lambda * colour[q * c + k]!;
    }
  }
  const dir = new Float32Array(size);
  const adir = new Float32Array(size);
  // res = b − A·x, then z = M⁻¹·res kept in `dir` for the first step.
  applyOperator(x, adir, nbr, diagonal, n, c);
  let rz = 0;
  for (let j = 0; j < size; j++) {
    const r = res[j]! - adir[j]!;
    res[j] = r;
    const z = r * inverse[(j / c) | 0]!;
    dir[j] = z;
    rz += r * z;
  }
  for (let it = 0; it < iterations && rz > 1e-6 * n; it++) {
    const dAd = applyOperator(dir, adir, nbr, diagonal, n, c);
    const alpha = rz / Math.max(1e-30, dAd);
    let next = 0;
    for (let j = 0; j < size; j++) {
      x[j] = x[j]! + alpha * dir[j]!;
      const r = res[j]! - alpha * adir[j]!;
      res[j] = r;
      next += r * r * inverse[(j / c) | 0]!;
    }
    const beta = next / rz;
    rz = next;
    for (let j = 0; j < size; j++) dir[j] = res[j]! * inverse[(j / c) | 0]! + beta * dir[j]!;
    await pacer.tick();
  }
  for (let i = 0; i < n; i++) for (let k = 0; k < c; k++) img[holes[i]! * c + k] = x[i * c + k]!;
}

/** out = A·v for the screened Laplacian on the unknowns; returns v·A·v, which CG needs next. */
function applyOperator(v: Float32Array, out: Float32Array, nbr: Int32Array, diagonal: Float32Array, n: number, c: number): number {
  let vav = 0;
  for (let i = 0; i < n; i++) {
    const d = diagonal[i]!;
    const l = nbr[i * 4]!;
    const r = nbr[i * 4 + 1]!;
    const u = nbr[i * 4 + 2]!;
    const b = nbr[i * 4 + 3]!;
    for (let k = 0; k < c; k++) {
      const j = i * c + k;
      const vj = v[j]!;
      let s = d * vj;
      if (l >= 0) s -= v[l * c + k]!;
      if (r >= 0) s -= v[r * c + k]!;
      if (u >= 0) s -= v[u * c + k]!;
      if (b >= 0) s -= v[b * c + k]!;
      out[j] = s;
      vav += vj * s;
    }
  }
  return vav;
}
