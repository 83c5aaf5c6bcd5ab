import sharp from 'sharp';
import type { EditPreview, EditPreviewArgs } from '../../../../preload/contract/latent';
import { to8bit } from '../../io/convert';
import type { RasterImage } from '../../io/raster';
import { sharpFromRaster, toRaster } from '../../io/sharp-raster';
import { blendDifference } from './blend';
import { editDelta, editedLatent } from './edit';
import { getLatentFamily } from './family';
import type { LatentSessionStore } from './sessions';

/** Where pixels come from: the engine's image store (kept out of ops to keep imports one-way). */
export type ImageSource = (imageId: string) => Promise<RasterImage>;

/** Downscaled 8-bit crops of session regions, so a slider drag does not re-read a 24 MP photo. */
const crops = new Map<string, Promise<RasterImage>>();
const MAX_CROPS = 8;

function regionCrop(getImage: ImageSource, imageId: string, region: EditPreview['region'], maxSide: number): Promise<RasterImage> {
  const key = `${imageId}:${region.x},${region.y},${region.width},${region.height}:${maxSide}`;
  let crop = crops.get(key);
  if (!crop) {
    crop = getImage(imageId).then(async (photo) => {
      const small = to8bit(photo);
      const pipeline = sharpFromRaster(small)
        .extract({ left: region.x, top: region.y, width: region.width, height: region.height })
        .resize(maxSide, maxSide, { fit: 'inside', withoutEnlargement: true, kernel: 'lanczos3' });
      return toRaster(pipeline, small.channels, 8, { name: photo.metadata.name });
    });
    crop.catch(() => crops.delete(key));
    crops.set(key, crop);
    if (crops.size > MAX_CROPS) crops.delete(crops.keys().next().value as string);
  }
  return crop;
}

/**
 * The session's edit blended into its region at preview resolution: one G pass for z0
 * and z' (batched), the difference mapped back and blended into a cached crop, then a
 * JPEG (PNG when there is alpha) data URL.
 */
export async function previewEdit(args: EditPreviewArgs, getImage: ImageSource, sessions: LatentSessionStore): Promise<EditPreview> {
  const t0 = performance.now();
  const session = await sessions.get(args.sessionId);
  const fam = await getLatentFamily(session.family);
  const [crop, edited] = await Promise.all([regionCrop(getImage, session.imageId, session.region, args.maxSide ?? 512), editedLatent(fam, session, args)]);
  const { delta, width, height, channels } = editDelta(fam, session, edited);
  const whole = { x: 0, y: 0, width: crop.width, height: crop.height };
  const feather = 0.04 * Math.min(crop.width, crop.height);
  const blended = blendDifference(crop, whole, delta, width, height, feather, channels);
  const hasAlpha = blended.channels === 2 || blended.channels === 4;
  const encoder = sharp(blended.data, { raw: { width: blended.width, height: blended.height, channels: blended.channels } });
  const bytes = hasAlpha ? await encoder.png({ compressionLevel: 1 }).toBuffer() : await encoder.jpeg({ quality: 88 }).toBuffer();
  const dataUrl = `data:image/${hasAlpha ? 'png' : 'jpeg'};base64,${bytes.toString('base64')}`;
  return { dataUrl, region: session.region, ms: performance.now() - t0 };
}
