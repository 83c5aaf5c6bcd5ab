import sharp from 'sharp';

/** Grey images in a family's domain range → bytes, PNG data URLs and grids for the UI. */
export interface GreyImage {
  width: number;
  height: number;
  /** One value per pixel, in `range`. */
  values: Float32Array;
}

/** To 0–255; `invert` shows the photo's polarity (dark product on white) when the mapping inverted it. */
export function toBytes(values: ArrayLike<number>, range: [number, number], invert = false): Uint8Array {
  const [lo, hi] = range;
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i += 1) {
    const unit = ((values[i] ?? 0) - lo) / (hi - lo);
    const v = Math.round(Math.min(1, Math.max(0, invert ? 1 - unit : unit)) * 255);
    out[i] = v;
  }
  return out;
}

export async function greyPngDataUrl(bytes: Uint8Array, width: number, height: number, scale = 1): Promise<string> {
  let pipeline = sharp(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { raw: { width, height, channels: 1 } });
  // Generator output is tiny (32²); nearest-neighbour enlargement keeps it crisp in the UI.
  if (scale > 1) pipeline = pipeline.resize(width * scale, height * scale, { kernel: 'nearest' });
  const png = await pipeline.png({ compressionLevel: 1 }).toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

/** One domain image as a data URL (enlarged ×`scale`). */
export function domainDataUrl(image: GreyImage, range: [number, number], invert = false, scale = 4): Promise<string> {
  return greyPngDataUrl(toBytes(image.values, range, invert), image.width, image.height, scale);
}

/** `count` images of w×h, packed one after another, laid out in a grid with a 2-px grey gap. */
export function gridBytes(values: Float32Array, count: number, width: number, height: number, range: [number, number], cols = Math.ceil(Math.sqrt(count))): GreyImage & { bytes: Uint8Array } {
  const rows = Math.ceil(count / cols);
  const gap = 2;
  const gw = cols * (width + gap) + gap;
  const gh = rows * (height + gap) + gap;
  const bytes = new Uint8Array(gw * gh).fill(96);
  const all = toBytes(values, range);
  for (let i = 0; i < count; i += 1) {
    const ox = gap + (i % cols) * (width + gap);
    const oy = gap + Math.floor(i / cols) * (height + gap);
    for (let y = 0; y < height; y += 1) bytes.set(all.subarray((i * height + y) * width, (i * height + y + 1) * width), (oy + y) * gw + ox);
  }
  return { width: gw, height: gh, values: new Float32Array(0), bytes };
}

/** Decodes a data URL produced here back to bytes (CLI writes files from it). */
export function dataUrlBytes(url: string): Buffer {
  const comma = url.indexOf(',');
  return Buffer.from(url.slice(comma + 1), 'base64');
}
