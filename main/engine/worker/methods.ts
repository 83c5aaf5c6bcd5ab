import * as tf from '@tensorflow/tfjs';
import sharp from 'sharp';
import packageJson from '../../../package.json' with { type: 'json' };
import type { BackendInfo, JobPriority, JobSpec } from '../../../preload/contract/types';
import { listInstalledFamilies } from '../models-root';
import { decodeImageBuffer, decodeImageFile } from '../io/decode';
import { encodePreviewPng } from '../io/encode';
import { placeOnBlack } from '../io/place-on-black';
import { exportRaster } from '../io/atomic-write';
import type { EngineMethods } from '../protocol';
import { ImageStore } from './image-store';
import { runJobSpec } from './jobs';
import { srBandMethods } from '../ops/sr/band-methods';
import { srSplitMethods } from './sr-split';
import { latentMethods } from '../ops/latent/engine-methods';

interface JobHandle {
  signal: AbortSignal;
  progress(fraction: number, stage: string, previewUrl?: string): void;
  end(): void;
}

interface MethodDeps {
  store: ImageStore;
  backend: BackendInfo;
  startJob(jobId: string): JobHandle;
}

type AsyncMethods = { [M in keyof EngineMethods]: (args: Parameters<EngineMethods[M]>[0]) => Promise<ReturnType<EngineMethods[M]>> };

const appVersion = packageJson.version;

/** The engine's operations. Arguments were validated in main; paths were checked there too. */
export function createMethods({ store, backend, startJob }: MethodDeps): AsyncMethods {
  return {
    ...srBandMethods(startJob),
    ...srSplitMethods(store, startJob),
    ...latentMethods(store),
    info: async () => ({
      backend,
      versions: { app: appVersion, tfjs: tf.version.tfjs, node: process.versions.node, sharp: sharp.versions.sharp ?? 'unknown' },
      models: await listInstalledFamilies(),
    }),
    openFile: async ({ path }) => {
      const image = await decodeImageFile(path);
      return ImageStore.describe(await store.put(image), image);
    },
    openBytes: async ({ name, data, frame }) => {
      const decoded = await decodeImageBuffer(data, name);
      const image = frame ? placeOnBlack(decoded, frame) : decoded;
      return ImageStore.describe(await store.put(image), image);
    },
    preview: async ({ imageId }) => new Uint8Array(await encodePreviewPng(await store.get(imageId))),
    exportImage: async ({ imageId, path, options }) => exportRaster(await store.get(imageId), path, options),
    release: async ({ imageId }) => {
      await store.release(imageId);
      return null;
    },
    runJob: async ({ jobId, spec, priority }: { jobId: string; spec: JobSpec; priority?: JobPriority }) => {
      const job = startJob(jobId);
      try {
        return await runJobSpec(spec, { signal: job.signal, progress: job.progress }, store, priority ?? 'interactive');
      } finally {
        job.end();
      }
    },
  };
}
