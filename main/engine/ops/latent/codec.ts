import sharp from 'sharp';
import type { DomainChannels, LatentDomain } from './family';
import { flipPixel } from './polarity';

/** 8-bit pixels packed height × width × channels, as PNG data URLs and the CLI's files take them. */
export interface RawImage {
  width: number;
  height: number;
  channels: DomainChannels;
  bytes: Uint8Array;
}

/** Domain values to 0–255. */
export function toBytes(values: ArrayLike<number>, range: [number, number]): Uint8Array {
  const [lo, hi] = range;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i += 1) out[i] = Math.round(Math.min(1, Math.max(0, ((values[i] ?? 0) - lo) / (hi - lo))) * 255);
  return out;
}

/**
 * One domain image (domain range, packed h × w × channels) as 8-bit pixels; `invert` shows it
 * in the photo's polarity (a dark product on white) when the mapping inverted it (polarity.ts).
 */
export function domainBytes(values: ArrayLike<number>, domain: LatentDomain, invert = false): RawImage {
  const raw = { width: domain.width, height: domain.height, channels: domain.channels };
  if (!invert) return { ...raw, bytes: toBytes(values, domain.range) };
  const [lo, hi] = domain.range;
  const units = Float64Array.from(values, (v) => (v - lo) / (hi - lo));
  for (let at = 0; at < units.length; at += domain.channels) flipPixel(units, at, domain.channels);
  return { ...raw, bytes: toBytes(units, [0, 1]) };
}

export async function pngDataUrl(image: RawImage, scale = 1): Promise<string> {
  const { bytes, width, height, channels } = image;
  let pipeline = sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { raw: { width, height, channels } });
  // Generator output is tiny (32²); nearest-neighbour enlargement keeps it crisp in the UI.
  if (scale > 1) pipeline = pipeline.resize(width * scale, height * scale, { kernel: 'nearest' });
  const png = await pipeline.png({ compressionLevel: 1 }).toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** One domain image as a data URL (enlarged ×`scale`). */
export function domainDataUrl(values: ArrayLike<number>, domain: LatentDomain, invert = false, scale = 4): Promise<string> {
  return pngDataUrl(domainBytes(values, domain, invert), scale);
}

/** `count` domain images, packed one after another, laid out in a grid with a 2-px grey gap. */
export function gridBytes(values: Float32Array, count: number, domain: LatentDomain, cols = Math.ceil(Math.sqrt(count))): RawImage {
  const { width, height, channels } = domain;
  const rows = Math.ceil(count / cols);
  const gap = 2;
  const gw = cols * (width + gap) + gap;
  const gh = rows * (height + gap) + gap;
  const bytes = new Uint8Array(gw * gh * channels).fill(96);
  const all = toBytes(values, domain.range);
  const line = width * channels;
  for (let i = 0; i < count; i += 1) {
    const ox = gap + (i % cols) * (width + gap);
    const oy = gap + Math.floor(i / cols) * (height + gap);
    for (let y = 0; y < height; y += 1) bytes.set(all.subarray((i * height + y) * line, (i * height + y + 1) * line), ((oy + y) * gw + ox) * channels);
  }
  return { width: gw, height: gh, channels, bytes };
}

/** Decodes a data URL produced here back to bytes (CLI writes files from it). */
export function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(',');
  return Buffer.from(url.slice(comma + 1), 'base64');
}
