/**
 * Where a preview image is served, on the page's own origin in both shells (Electron's app
 * protocol, browser mode's server): a canvas that draws one stays readable (the eyedropper).
 */
export const PREVIEW_ROUTE = /^\/image\/(img_[0-9a-f]+)\.png$/;

/** The path of an engine image's preview, matched by PREVIEW_ROUTE. */
export function previewPath(imageId: string): string {
  return `/image/${imageId}.png`;
}
