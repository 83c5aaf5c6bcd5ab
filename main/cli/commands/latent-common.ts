import { readFile } from 'node:fs/promises';
import type { Rect } from '../../../preload/contract/latent';
import type { ImageFormat } from '../../../preload/contract/types';
import { selectBackend } from '../../engine/backend/select';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import { formatFromPath } from '../../engine/io/formats';
import type { RasterImage } from '../../engine/io/raster';
import { domainBytes, type RawImage } from '../../engine/ops/latent/codec';
import { clampRegion, photoToDomain, type DomainMapping } from '../../engine/ops/latent/domain';
import { getLatentFamily, type LatentFamily } from '../../engine/ops/latent/family';
import { UsageError } from '../args';

/** Flags every latent command shares. */
export const latentOptions = {
  model: { type: 'string', short: 'm', default: 'fashion' },
  output: { type: 'string', short: 'o' },
  json: { type: 'boolean' },
  overwrite: { type: 'boolean' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The engine's backend ladder, then the family (loaded once). */
export async function openFamily(id: string): Promise<LatentFamily> {
  await selectBackend();
  return getLatentFamily(id);
}

export function parseRegion(value: string | undefined): Rect | undefined {
  if (value === undefined) return undefined;
  const parts = value.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts[2] === 0 || parts[3] === 0) {
    throw new UsageError(`--region must be x,y,width,height in pixels, not "${value}"`);
  }
  const [x, y, width, height] = parts as [number, number, number, number];
  return { x, y, width, height };
}

export interface DomainInput {
  photo: RasterImage;
  values: Float32Array;
  mapping: DomainMapping;
}

/** A file → the family's domain (region, grey or RGB, fit, pad, auto polarity). */
export async function readDomainImage(path: string, fam: LatentFamily, region?: Rect): Promise<DomainInput> {
  const photo = await decodeImageFile(path);
  const { values, mapping } = photoToDomain(photo, clampRegion(photo, region), fam.domain);
  return { photo, values, mapping };
}

export function outputFormat(path: string): ImageFormat {
  const format = formatFromPath(path);
  if (!format) throw new UsageError(`cannot tell the format from "${path}"; use .png, .jpg, .webp or .tif`);
  return format;
}

/** Writes domain images (one, or a grid already made) as an 8-bit grey or RGB file, atomically. */
export async function writeRaw(path: string, image: RawImage, overwrite: boolean): Promise<string> {
  const raster: RasterImage = { width: image.width, height: image.height, channels: image.channels, bitDepth: 8, data: image.bytes, metadata: { name: path } };
  return (await exportRaster(raster, path, { format: outputFormat(path), overwrite })).path;
}

export function writeDomain(path: string, fam: LatentFamily, values: Float32Array, invert: boolean, overwrite: boolean): Promise<string> {
  return writeRaw(path, domainBytes(values, fam.domain, invert), overwrite);
}

/** z files: a JSON array of numbers, or of arrays of numbers (several codes). */
export async function readLatents(path: string, latentSize: number): Promise<Float32Array> {
  const json = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const rows = Array.isArray(json) && Array.isArray(json[0]) ? (json as unknown[]) : [json];
  const flat = rows.flatMap((r) => (Array.isArray(r) ? r.map(Number) : []));
  if (flat.length === 0 || flat.length % latentSize !== 0 || flat.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`${path} must hold arrays of ${latentSize} numbers`);
  }
  return Float32Array.from(flat);
}

export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
