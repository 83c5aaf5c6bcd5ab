import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { LatentshopError } from '../../../preload/contract/errors';
import type { RasterImage, RasterMetadata } from '../io/raster';
import type { ImageMeta } from '../protocol';

interface StoredHeader {
  width: number;
  height: number;
  channels: RasterImage['channels'];
  bitDepth: RasterImage['bitDepth'];
  metadata: Omit<RasterMetadata, 'icc' | 'exif'> & { icc?: string; exif?: string };
}

/**
 * Keeps decoded images for the session. Every image is also spilled to the cache
 * folder, so an engine that crashed and restarted still finds the user's history.
 */
export class ImageStore {
  private readonly images = new Map<string, RasterImage>();

  /** Public so other session state (latent sessions) can live beside the images. */
  constructor(readonly cacheDir: string) {
    mkdirSync(cacheDir, { recursive: true });
  }

  async put(image: RasterImage): Promise<string> {
    const id = `img_${randomUUID().replaceAll('-', '')}`;
    this.images.set(id, image);
    try {
      await this.spill(id, image);
    } catch (error) {
      // The spill only lets a restarted engine find the image; a full disk must not stop the
      // photo opening here, where it stays in memory. Export names the disk if it is still full.
      process.stderr.write(`latentshop engine: could not keep a copy of ${image.metadata.name} in ${this.cacheDir}: ${String(error)}\n`);
      await this.removeFiles(id).catch(() => undefined);
    }
    return id;
  }

  async get(id: string): Promise<RasterImage> {
    const cached = this.images.get(id);
    if (cached) return cached;
    const restored = await this.restore(id);
    this.images.set(id, restored);
    return restored;
  }

  async release(id: string): Promise<void> {
    this.images.delete(id);
    await this.removeFiles(id);
  }

  /** The image's copy on disk, a half-written one included. */
  private async removeFiles(id: string): Promise<void> {
    await Promise.all(['.json', '.raw', '.raw.tmp'].map((ext) => rm(join(this.cacheDir, id + ext), { force: true })));
  }

  static describe(id: string, image: RasterImage): ImageMeta {
    const meta: ImageMeta = {
      id,
      name: image.metadata.name,
      width: image.width,
      height: image.height,
      channels: image.channels,
      bitDepth: image.bitDepth,
      hasIcc: image.metadata.icc !== undefined,
      hasExif: image.metadata.exif !== undefined,
    };
    if (image.metadata.format) meta.format = image.metadata.format;
    if (image.metadata.lossless) meta.lossless = true;
    return meta;
  }

  private async spill(id: string, image: RasterImage): Promise<void> {
    const { icc, exif, ...rest } = image.metadata;
    const header: StoredHeader = {
      width: image.width,
      height: image.height,
      channels: image.channels,
      bitDepth: image.bitDepth,
      metadata: { ...rest, icc: encode(icc), exif: encode(exif) },
    };
    const pixels = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    // Made again each time: a temp cleaner may have removed the folder mid-session, and every
    // open then failed with a raw ENOENT.
    await mkdir(this.cacheDir, { recursive: true });
    await writeFile(join(this.cacheDir, `${id}.raw.tmp`), pixels);
    await rename(join(this.cacheDir, `${id}.raw.tmp`), join(this.cacheDir, `${id}.raw`));
    await writeFile(join(this.cacheDir, `${id}.json`), JSON.stringify(header));
  }

  private async restore(id: string): Promise<RasterImage> {
    let header: StoredHeader;
    let bytes: Buffer;
    try {
      header = JSON.parse(await readFile(join(this.cacheDir, `${id}.json`), 'utf8')) as StoredHeader;
      bytes = await readFile(join(this.cacheDir, `${id}.raw`));
    } catch {
      throw LatentshopError.of('unknownImage', {});
    }
    const copy = new Uint8Array(bytes).buffer;
    const data = header.bitDepth === 16 ? new Uint16Array(copy) : new Uint8Array(copy);
    const { icc, exif, ...rest } = header.metadata;
    const metadata: RasterMetadata = { ...rest };
    if (icc) metadata.icc = Buffer.from(icc, 'base64');
    if (exif) metadata.exif = Buffer.from(exif, 'base64');
    return { width: header.width, height: header.height, channels: header.channels, bitDepth: header.bitDepth, data, metadata };
  }
}

function encode(bytes: Uint8Array | undefined): string | undefined {
  return bytes ? Buffer.from(bytes).toString('base64') : undefined;
}
