import { LatentshopError } from '../../../preload/contract/errors';
import type { UploadFrame } from '../../../preload/contract/types';
import { tooLarge } from './decode-errors';
import { DEFAULT_MAX_PIXELS } from './formats';
import { lumaAt, maxValue, type RasterImage } from './raster';

/**
 * A mask's crop placed on a black frame: one grey channel, 8 bits, the crop's grey (Rec. 601
 * luma of colour) at frame.left, frame.top and 0 elsewhere. The UI sends a mask so (only the
 * part around its painted pixels) because a whole 24 MP mask took a second to encode and send.
 * The crop's alpha is ignored: the UI's masks are opaque white on black.
 */
export function placeOnBlack(crop: RasterImage, frame: UploadFrame): RasterImage {
  const name = crop.metadata.name;
  if (frame.width * frame.height > DEFAULT_MAX_PIXELS) throw tooLarge(name, name, frame.width, frame.height, DEFAULT_MAX_PIXELS);
  if (frame.left + crop.width > frame.width || frame.top + crop.height > frame.height) {
    const { width, height } = crop;
    throw LatentshopError.of('frameOverflow', { name, width, height, frameWidth: frame.width, frameHeight: frame.height, left: frame.left, top: frame.top }, name);
  }
  const { channels: c, data: px } = crop;
  const toByte = 255 / maxValue(crop.bitDepth);
  const data = new Uint8Array(frame.width * frame.height);
  for (let y = 0; y < crop.height; y += 1) {
    const row = (frame.top + y) * frame.width + frame.left;
    for (let x = 0; x < crop.width; x += 1) {
      data[row + x] = Math.round(lumaAt(px, (y * crop.width + x) * c, c) * toByte);
    }
  }
  return { width: frame.width, height: frame.height, channels: 1, bitDepth: 8, data, metadata: { name, format: 'png' } };
}
