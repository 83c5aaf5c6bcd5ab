import type { AttributeInfo, EditPreview, EditPreviewArgs, ImageAnalysis, Rect, SampleResult } from '../../../../preload/contract/latent';
import { analyzeRegion, generateDataUrl } from './analyze';
import type { RasterImage } from '../../io/raster';
import { listAttributeInfos, removeUserAttribute } from './attributes';
import { getLatentFamily } from './family';
import { previewEdit } from './preview';
import { sampleGrid } from './sample';
import { latentSessions } from './sessions';

export interface LatentImageStore {
  cacheDir: string;
  get(imageId: string): Promise<RasterImage>;
}

/** The latent tools' non-job engine methods (fast paths the UI calls directly). */
export function latentMethods(store: LatentImageStore) {
  const sessions = latentSessions(store.cacheDir);
  const getImage = (id: string): Promise<RasterImage> => store.get(id);
  return {
    previewEdit: (args: EditPreviewArgs): Promise<EditPreview> => previewEdit(args, getImage, sessions),
    listAttributes: async ({ family }: { family: string }): Promise<AttributeInfo[]> => listAttributeInfos(await getLatentFamily(family)),
    removeAttribute: async ({ family, name }: { family: string; name: string }): Promise<AttributeInfo[]> => {
      const fam = await getLatentFamily(family);
      await removeUserAttribute(fam.id, fam.latentSize, name);
      return listAttributeInfos(fam);
    },
    closeLatentSession: async ({ sessionId }: { sessionId: string }): Promise<null> => {
      await sessions.delete(sessionId);
      return null;
    },
    modelSamples: async ({ family, count, seed }: { family: string; count: number; seed?: number }): Promise<SampleResult> => {
      const { kind, gridUrl, latents } = await sampleGrid(await getLatentFamily(family), count, seed);
      return { kind, family, gridUrl, latents };
    },
    generate: async ({ family, z }: { family: string; z: number[] }): Promise<{ imageUrl: string }> => ({
      imageUrl: await generateDataUrl(await getLatentFamily(family), z),
    }),
    analyzeImage: async ({ imageId, family, region }: { imageId: string; family: string; region?: Rect }): Promise<ImageAnalysis> =>
      analyzeRegion(await getLatentFamily(family), await getImage(imageId), region),
  };
}
