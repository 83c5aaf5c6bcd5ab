import { Pattern, Rect } from 'fabric';
import type { Size } from './viewport';

/** Side of one checker square on screen, in CSS pixels, whatever the zoom (as photo editors show it). */
const SQUARE = 8;

/**
 * The grey checkerboard under an image with transparency, so alpha reads as alpha and not as
 * the dark canvas showing through. The pattern is scaled against the zoom to keep its squares
 * a constant size on screen.
 */
export function createCheckerboard(size: Size): Rect {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 2 * SQUARE;
  const ctx = tile.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#cccccc';
    ctx.fillRect(0, 0, tile.width, tile.height);
    ctx.fillStyle = '#999999';
    ctx.fillRect(0, 0, SQUARE, SQUARE);
    ctx.fillRect(SQUARE, SQUARE, SQUARE, SQUARE);
  }
  return new Rect({
    left: 0, top: 0, originX: 'left', originY: 'top', width: size.width, height: size.height, strokeWidth: 0,
    fill: new Pattern({ source: tile, repeat: 'repeat' }),
    selectable: false, evented: false, objectCaching: false,
  });
}

/** Keeps the squares `SQUARE` CSS pixels wide at this zoom. */
export function setCheckerZoom(board: Rect, zoom: number): void {
  const pattern = board.fill;
  if (!(pattern instanceof Pattern) || zoom <= 0) return;
  pattern.patternTransform = [1 / zoom, 0, 0, 1 / zoom, 0, 0];
  board.dirty = true;
}
