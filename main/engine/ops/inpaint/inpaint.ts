import type { InpaintJobSpec } from '../../../../preload/contract/types';
import type { RasterImage } from '../../io/raster';
import type { OpContext } from '../context';
import { contentAwareFill, maskFromRaster } from './fill';

/**
 * The `inpaint` job: reads the mask image (alpha or luminance, see maskFromRaster) and
 * runs the chosen method. Only 'fill' exists today; 'gan' and 'model' will join the switch.
 */
export async function inpaintRaster(image: RasterImage, maskImage: RasterImage, spec: Pick<InpaintJobSpec, 'method' | 'seed'>, ctx: OpContext): Promise<RasterImage> {
  const mask = maskFromRaster(maskImage);
  switch (spec.method) {
    case 'fill':
      return contentAwareFill(image, mask, ctx, spec.seed === undefined ? {} : { seed: spec.seed });
  }
}
