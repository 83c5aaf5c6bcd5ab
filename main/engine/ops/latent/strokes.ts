import type { Stroke } from '../../../../preload/contract/latent';
import { type DomainMapping, photoToDomainPoint } from './domain';

/** Strokes rasterised at generator resolution: where colour is asked for (and which value), where edges are. */
export interface StrokeMasks {
  width: number;
  height: number;
  /** 1 where a colour stroke constrains the pixel. */
  colourMask: Float32Array;
  /** The asked value there, in the domain range (polarity applied). */
  colourTarget: Float32Array;
  /** 1 where a sketch line asks for an edge. */
  sketchMask: Float32Array;
}

/** #rrggbb → luminance 0..1 (Rec. 709), the one channel of a grey family. */
export function colourLuminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16);
  return (0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255)) / 255;
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
  const { width, height, range } = m.domain;
  const masks: StrokeMasks = {
    width,
    height,
    colourMask: new Float32Array(width * height),
    colourTarget: new Float32Array(width * height),
    sketchMask: new Float32Array(width * height),
  };
  for (const stroke of strokes) {
    const pts = stroke.points.map((p) => photoToDomainPoint(m, p.x, p.y));
    const radius = Math.max(0.5, (stroke.size / 2) * m.scale);
    const unit = stroke.colour ? colourLuminance(stroke.colour) : 0;
    const value = range[0] + (m.polarity === 'inverted' ? 1 - unit : unit) * (range[1] - range[0]);
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
          masks.colourTarget[p] = value;
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
