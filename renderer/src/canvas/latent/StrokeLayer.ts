import { Path, type Canvas } from 'fabric';
import { markRaw } from 'vue';
import type { Stroke } from '../../../../preload/contract/latent';

/** Sketch lines are edges, not colours: one fixed, visible hue for them on any photo. */
export const SKETCH_COLOUR = '#35d0ff';

/** A stroke as a Fabric path in photo pixels (canvas units), inert to the pointer. */
export function strokePath(stroke: Stroke): Path {
  const [first, ...rest] = stroke.points;
  const start = first ?? { x: 0, y: 0 };
  // A lone point still draws: a zero-length segment with round caps is a dot.
  const tail = rest.length > 0 ? rest : [start];
  const d = `M ${start.x} ${start.y} ${tail.map((p) => `L ${p.x} ${p.y}`).join(' ')}`;
  return markRaw(new Path(d, {
    fill: '',
    stroke: stroke.kind === 'sketch' ? SKETCH_COLOUR : (stroke.colour ?? '#ffffff'),
    strokeWidth: stroke.size,
    strokeLineCap: 'round',
    strokeLineJoin: 'round',
    opacity: 0.85,
    selectable: false,
    evented: false,
    objectCaching: false,
  }));
}

/** The painted constraints drawn over the photo (and over the edit overlay). */
export class StrokeLayer {
  private objects: Path[] = [];
  private live: Path | null = null;

  constructor(private readonly canvas: Canvas) {}

  render(strokes: readonly Stroke[]): void {
    this.canvas.remove(...this.objects);
    this.objects = strokes.filter((s) => s.points.length > 0).map(strokePath);
    if (this.objects.length > 0) this.canvas.add(...this.objects);
    this.raiseLive();
    this.canvas.requestRenderAll();
  }

  /** The stroke being drawn (not yet in the list); null removes it. */
  setLive(stroke: Stroke | null): void {
    if (this.live) this.canvas.remove(this.live);
    this.live = stroke && stroke.points.length > 0 ? strokePath(stroke) : null;
    if (this.live) this.canvas.add(this.live);
    this.canvas.requestRenderAll();
  }

  /** Keeps strokes above an overlay that was added after them. */
  raise(): void {
    for (const o of this.objects) this.canvas.bringObjectToFront(o);
    this.raiseLive();
    this.canvas.requestRenderAll();
  }

  get count(): number {
    return this.objects.length;
  }

  clear(): void {
    this.render([]);
    this.setLive(null);
  }

  private raiseLive(): void {
    if (this.live) this.canvas.bringObjectToFront(this.live);
  }
}
