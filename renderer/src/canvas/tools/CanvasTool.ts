import type { Canvas, CanvasEvents } from 'fabric';

/**
 * Base class for canvas tools, in Fabric.js brush style: a tool takes the canvas and its
 * options, registers every handler in one method of its own (called from its constructor),
 * and `dispose()` removes them all. Subclasses never remove handlers one by one.
 */
export abstract class CanvasTool<Options extends object = object> {
  private readonly disposers: Array<() => void> = [];
  private disposed = false;

  constructor(
    protected readonly canvas: Canvas,
    protected readonly options: Options,
  ) {}

  /** Subscribes to a Fabric canvas event until dispose. */
  protected onCanvas<K extends keyof CanvasEvents>(name: K, handler: (event: CanvasEvents[K]) => void): void {
    this.disposers.push(this.canvas.on(name, handler));
  }

  /** Adds a DOM listener until dispose (keys on window, pointers on the canvas element). */
  protected onDom<K extends keyof HTMLElementEventMap>(
    target: HTMLElement | Window,
    type: K,
    handler: (event: HTMLElementEventMap[K]) => void,
    options?: AddEventListenerOptions,
  ): void {
    const listener = handler as EventListener;
    target.addEventListener(type, listener, options);
    this.disposers.push(() => target.removeEventListener(type, listener, options));
  }

  /** Runs extra teardown at dispose, e.g. restoring a cursor. */
  protected onDispose(fn: () => void): void {
    this.disposers.push(fn);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const fn of this.disposers.splice(0).reverse()) fn();
  }
}
