import sharp from 'sharp';
import { maxValue } from '../../io/raster';

/**
 * Upscales an alpha plane with Lanczos-3 through sharp. ESRGAN was trained on
 * photographs, not masks, so a classic resampler is the safer choice for alpha;
 * a fully opaque (or uniform) plane is filled directly, which is exact and free.
 */
export async function upscaleAlpha(
  alpha: Uint8Array | Uint16Array,
  width: number,
  height: number,
  scale: number,
  bitDepth: 8 | 16,
): Promise<Uint8Array | Uint16Array> {
  const outW = width * scale;
  const outH = height * scale;
  const first = alpha[0] ?? maxValue(bitDepth);
  if (alpha.every((v) => v === first)) {
    const out = bitDepth === 16 ? new Uint16Array(outW * outH) : new Uint8Array(outW * outH);
    return out.fill(first);
  }
  const { data } = await sharp(alpha, { raw: { width, height, channels: 1 } })
    .resize(outW, outH, { kernel: 'lanczos3', fit: 'fill' })
    // Without this sharp converts the single channel to sRGB on output.
    .toColourspace(bitDepth === 16 ? 'grey16' : 'b-w')
    .raw({ depth: bitDepth === 16 ? 'ushort' : 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const copy = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  return bitDepth === 16 ? new Uint16Array(copy) : new Uint8Array(copy);
}
