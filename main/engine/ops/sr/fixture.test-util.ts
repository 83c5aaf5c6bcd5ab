import sharp from 'sharp';
import type { RasterImage } from '../../io/raster';
import { quietContext, type OpContext } from '../context';
import { rasterRgbSource } from './pixels';
import type { TileNet } from './tile-net';
import { DEFAULT_FEATHER } from './tile-size';
import { runTiled } from './tiler';

/**
 * A small photo-like test image: SVG gradients and shapes rendered by sharp, a slight
 * blur, then seeded noise so the net sees texture as well as edges. Deterministic.
 */
export async function photoFixture(width: number, height: number, channels: 1 | 2 | 3 | 4 = 3, bitDepth: 8 | 16 = 8): Promise<RasterImage> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#2a6fdb"/><stop offset="0.6" stop-color="#f0c987"/><stop offset="1" stop-color="#5b3a29"/></linearGradient>
      <radialGradient id="a"><stop offset="0" stop-opacity="1"/><stop offset="1" stop-opacity="0.1"/></radialGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width * 0.3}" cy="${height * 0.4}" r="${Math.max(1, height * 0.25)}" fill="#c8312b"/>
    <rect x="${width * 0.55}" y="${height * 0.2}" width="${width * 0.3}" height="${height * 0.5}" fill="#1d7a3a" transform="rotate(12)"/>
    <path d="M0 ${height} L${width * 0.5} ${height * 0.6} L${width} ${height}" fill="#fafafa" fill-opacity="0.7"/>
    <ellipse cx="${width * 0.7}" cy="${height * 0.7}" rx="${width * 0.2}" ry="${height * 0.1}" fill="url(#a)"/>
  </svg>`;
  const base = await sharp(Buffer.from(svg)).resize(width, height, { fit: 'fill' }).blur(0.6).removeAlpha().raw().toBuffer();
  const max = bitDepth === 16 ? 65535 : 255;
  const data = bitDepth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  let seed = 12345;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return ((seed >>> 8) / 0x1000000 - 0.5) * 12;
  };
  for (let p = 0; p < width * height; p += 1) {
    const rgb = [0, 1, 2].map((c) => Math.min(255, Math.max(0, base[p * 3 + c]! + noise())));
    const px = channels <= 2 ? [(rgb[0]! + rgb[1]! + rgb[2]!) / 3] : rgb;
    // Alpha: a soft horizontal ramp, so alpha upscaling has something to do.
    if (channels === 2 || channels === 4) px.push(255 * (0.2 + (0.8 * (p % width)) / Math.max(1, width - 1)));
    px.forEach((v, c) => (data[p * channels + c] = Math.round((v / 255) * max)));
  }
  return { width, height, channels, bitDepth, data, metadata: { name: `fixture-${width}x${height}.png` } };
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i += 1) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

/** Float output (0–255, before rounding) of a tiled run: compares tiling without quantisation noise. */
export async function upscaleToFloat(raster: RasterImage, net: TileNet, options: { tile: number; context?: number; feather?: number }, ctx: OpContext = quietContext()): Promise<Float32Array> {
  const s = net.scale;
  const out = new Float32Array(raster.width * s * raster.height * s * 3);
  const tiler = { tile: options.tile, context: options.context ?? net.context, feather: options.feather ?? DEFAULT_FEATHER };
  await runTiled(rasterRgbSource(raster), net, tiler, (y, _rows, data) => out.set(data, y * raster.width * s * 3), ctx);
  return out;
}
