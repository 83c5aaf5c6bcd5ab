import type { ApplyEditJobSpec } from '../../../../preload/contract/latent';
import type { RasterImage } from '../../io/raster';
import { type OpContext, throwIfCancelled } from '../context';
import { blendDifference } from './blend';
import { editDelta, editedLatent } from './edit';
import { getLatentFamily } from './family';
import type { ImageSource } from './preview';
import type { LatentSessionStore } from './sessions';

/**
 * The edit at full resolution: G(z') − G(z0) upsampled into the photo's region through a
 * feathered edge. Pixels outside the region are copied untouched (blendDifference).
 */
export async function applyEdit(spec: ApplyEditJobSpec, ctx: OpContext, getImage: ImageSource, sessions: LatentSessionStore): Promise<RasterImage> {
  ctx.progress(0, 'edit');
  const session = await sessions.get(spec.sessionId);
  const fam = await getLatentFamily(session.family);
  const photo = await getImage(session.imageId);
  const req = { attributes: spec.attributes, ...(spec.useConstrained === undefined ? {} : { useConstrained: spec.useConstrained }), ...(spec.interpolation === undefined ? {} : { interpolation: spec.interpolation }), ...(spec.candidate === undefined ? {} : { candidate: spec.candidate }) };
  const edited = await editedLatent(fam, session, req);
  throwIfCancelled(ctx.signal);
  ctx.progress(0.3, 'blend');
  const { delta, width, height, channels } = editDelta(fam, session, edited);
  const feather = spec.feather ?? 0.04 * Math.min(session.region.width, session.region.height);
  const out = blendDifference(photo, session.region, delta, width, height, feather, channels);
  ctx.progress(1, 'blend');
  return out;
}
