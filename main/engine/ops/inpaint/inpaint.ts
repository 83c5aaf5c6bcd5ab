import type { InpaintJobSpec } from '../../../../preload/contract/types';
import type { RasterImage } from '../../io/raster';
import type { OpContext } from '../context';
import { contentAwareFill, maskFromRaster } from './fill';
import { ganInpaint } from './gan';
import { modelInpaint } from './model';

/**
 * The `inpaint` job: reads the mask image (alpha or luminance, see maskFromRaster) and
 * runs the chosen method. For 'gan', `model` names the GAN family.
 */
export async function inpaintRaster(
  image: RasterImage,
  maskImage: RasterImage,
  spec: Pick<InpaintJobSpec, 'method' | 'seed' | 'model'>,
  ctx: OpContext,
): Promise<RasterImage> {
  const mask = maskFromRaster(maskImage);
  switch (spec.method) {
    case 'fill':
      return contentAwareFill(image, mask, ctx, spec.seed === undefined ? {} : { seed: spec.seed });
    case 'model':
      return modelInpaint(image, mask, ctx, spec.model === undefined ? {} : { model: spec.model });
    case 'gan':
      return ganInpaint(image, mask, ctx, { ...(spec.model === undefined ? {} : { family: spec.model }), ...(spec.seed === undefined ? {} : { seed: spec.seed }) });
  }
}
