/**
 * Tile placement along one axis, and the blend weights that make tiling invisible.
 *
 * Every tile has the same length `tile` (so the network sees one shape). Tiles are
 * clamped inside the image rather than padded: an edge tile then has the real image
 * border exactly where untiled inference has it, so the net's zero padding behaves the
 * same and border pixels match untiled output. Each tile contributes only its "valid"
 * span, which excludes `context` pixels on each inner side (≥ the receptive radius,
 * so valid pixels are exactly what untiled inference gives). Neighbouring valid spans
 * overlap by ≥ `feather` pixels and are cross-faded with linear ramps there.
 */
export interface AxisPlan {
  length: number;
  /** Tile length in input pixels (≤ length). */
  tile: number;
  /** Start of each tile, ascending; first is 0, last is length - tile. */
  starts: number[];
  /** [from, to) span each tile contributes, in input pixels. */
  valid: Array<[number, number]>;
}

export function planAxis(length: number, tile: number, context: number, feather: number): AxisPlan {
  const t = Math.min(tile, length);
  if (t === length) return { length, tile: t, starts: [0], valid: [[0, length]] };
  const step = t - 2 * context - feather;
  if (step < 1) throw new RangeError(`tile ${t} too small for context ${context} and feather ${feather}`);
  const count = Math.ceil((length - t) / step) + 1;
  // Spread the tiles evenly so every overlap is ≥ the minimum, none needlessly large.
  const starts = Array.from({ length: count }, (_, i) => Math.round((i * (length - t)) / (count - 1)));
  const valid = starts.map((s, i): [number, number] => [i === 0 ? 0 : s + context, i === count - 1 ? length : s + t - context]);
  return { length, tile: t, starts, valid };
}

/**
 * Per tile, the weight of each output pixel across the tile's output span (tile·scale),
 * normalised so the weights of all tiles sum to exactly 1 at every output pixel. Ramps
 * run across the whole overlap of neighbouring valid spans; weights are 0 outside a
 * tile's valid span, so context pixels never leak into the result.
 */
export function axisWeights(plan: AxisPlan, scale: number): Float32Array[] {
  const n = plan.starts.length;
  const outLength = plan.length * scale;
  const raw = plan.starts.map(() => new Float32Array(plan.tile * scale));
  const sum = new Float64Array(outLength);
  for (let i = 0; i < n; i += 1) {
    const [v0, v1] = plan.valid[i]!;
    const prevEnd = i > 0 ? plan.valid[i - 1]![1] : v0;
    const nextStart = i < n - 1 ? plan.valid[i + 1]![0] : v1;
    const base = plan.starts[i]! * scale;
    for (let k = 0; k < plan.tile * scale; k += 1) {
      const u = (base + k + 0.5) / scale; // output pixel centre in input coordinates
      const rise = ramp(u - v0, prevEnd - v0);
      const fall = ramp(v1 - u, v1 - nextStart);
      const w = rise * fall;
      raw[i]![k] = w;
      sum[base + k]! += w;
    }
  }
  for (let i = 0; i < n; i += 1) {
    const base = plan.starts[i]! * scale;
    const w = raw[i]!;
    for (let k = 0; k < w.length; k += 1) if (w[k]! > 0) w[k] = w[k]! / sum[base + k]!;
  }
  return raw;
}

/** 0 before the zone, linear inside it, 1 after it; a zero-width zone is a step. */
function ramp(distance: number, width: number): number {
  if (distance <= 0) return 0;
  if (width <= 0 || distance >= width) return 1;
  return distance / width;
}
