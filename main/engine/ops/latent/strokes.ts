import type { Stroke } from '../../../../preload/contract/latent';
import { type DomainMapping, photoToDomainPoint } from './domain';
import type { DomainChannels } from './family';
import { flipPixel, LUMA } from './polarity';

/** Strokes rasterised at generator resolution: where colour is asked for (and which value), where edges are. */
export interface StrokeMasks {
  width: number;
  height: number;
  /** 1 where a colour stroke constrains the pixel. */
  colourMask: Float32Array;
  /** The asked value there (h × w × channels: grey, or R, G, B), in the domain range (polarity applied). */
  colourTarget: Float32Array;
  /** 1 where a sketch line asks for an edge. */
  sketchMask: Float32Array;
}

/** #rrggbb → R, G, B on 0..1. */
function colourUnits(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** #rrggbb → luminance 0..1 (Rec. 709), the one channel of a grey family. */
export function colourLuminance(hex: string): number {
  const [r, g, b] = colourUnits(hex);
  return LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
}

/** A stroke's colour in the domain's channels (grey: its luminance), on 0..1. */
function strokeUnits(hex: string | undefined, channels: DomainChannels): number[] {
  if (!hex) return new Array<number>(channels).fill(0);
  return channels === 1 ? [colourLuminance(hex)] : colourUnits(hex);
}

function distanceToSegment(px: number, py: number, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - a.x) * dx + (py - a.y) * dy) / len2));
  return Math.hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

/**
 * Photo-space strokes → domain masks through the session's mapping. Later strokes win;
 * 'erase' removes earlier constraints under it. The brush is at least one domain pixel
 * wide, so a thin line on a big photo still constrains something.
 */
export function rasteriseStrokes(strokes: Stroke[], m: DomainMapping): StrokeMasks {
  const { width, height, range, channels } = m.domain;
  const masks: StrokeMasks = {
    width,
    height,
    colourMask: new Float32Array(width * height),
    colourTarget: new Float32Array(width * height * channels),
    sketchMask: new Float32Array(width * height),
  };
  for (const stroke of strokes) {
    const pts = stroke.points.map((p) => photoToDomainPoint(m, p.x, p.y));
    const radius = Math.max(0.5, (stroke.size / 2) * m.scale);
    const units = strokeUnits(stroke.colour, channels);
    if (m.polarity === 'inverted') flipPixel(units, 0, channels);
    const values = units.map((unit) => range[0] + unit * (range[1] - range[0]));
    for (let y = 0; y < height; y += 1) {
      for (let x = 0; x < width; x += 1) {
        const cx = x + 0.5;
        const cy = y + 0.5;
        let d = Infinity;
        for (let i = 0; i < pts.length; i += 1) d = Math.min(d, distanceToSegment(cx, cy, pts[i]!, pts[Math.min(i + 1, pts.length - 1)]!));
        if (d > radius) continue;
        const p = y * width + x;
        if (stroke.kind === 'colour') {
          masks.colourMask[p] = 1;
          masks.colourTarget.set(values, p * channels);
        } else if (stroke.kind === 'sketch') {
          masks.sketchMask[p] = 1;
        } else {
          masks.colourMask[p] = 0;
          masks.sketchMask[p] = 0;
        }
      }
    }
  }
  return masks;
}
