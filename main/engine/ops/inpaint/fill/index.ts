export { contentAwareFill, type FillOptions } from './fill';
export { decodeMask, maskFromRaster, maskPixels, type MaskImage } from './mask';
