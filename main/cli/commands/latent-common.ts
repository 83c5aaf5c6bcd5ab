import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listFamilies, MANIFEST_FILE, resolveModelsRoot } from '../../../models/loader';
import { LatentshopError } from '../../../preload/contract/errors';
import type { Rect } from '../../../preload/contract/latent';
import { selectBackend } from '../../engine/backend/select';
import { exportRaster } from '../../engine/io/atomic-write';
import { decodeImageFile } from '../../engine/io/decode';
import type { RasterImage } from '../../engine/io/raster';
import { domainBytes, type RawImage } from '../../engine/ops/latent/codec';
import { clampRegion, photoToDomain, type DomainMapping } from '../../engine/ops/latent/domain';
import { getLatentFamily, type LatentFamily } from '../../engine/ops/latent/family';
import { UsageError } from '../args';
import { checkRegion } from './latent-bounds';
import { readJsonFile } from './latent-files';
import { imageFormat } from './latent-output';

/**
 * Flags, each group given only to the commands that use it: parseArgs (strict) then refuses
 * the rest, rather than a flag being accepted and ignored.
 */
export const FAMILY_OPTIONS = {
  model: { type: 'string', short: 'm', default: 'fashion' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
export const WRITE_OPTIONS = { output: { type: 'string', short: 'o' }, overwrite: { type: 'boolean' } } as const;
export const PROGRESS_OPTION = { progress: { type: 'boolean' } } as const;

/** The one input image of invert, edit, encode and constrain: a second one would be silently dropped. */
export function oneInput(positionals: string[]): string {
  const [input, ...extra] = positionals;
  if (!input) throw new UsageError('missing the input image');
  if (extra.length > 0) throw new UsageError(`takes one input image; also given: ${extra.join(' ')}`);
  return input;
}

/** The engine's backend ladder, then the family (loaded once); a family that is not installed is named with those that are. */
export async function openFamily(id: string): Promise<LatentFamily> {
  const root = resolveModelsRoot();
  // A plain folder name only: "-m ../x" must not reach outside the models folder.
  if (id !== basename(id) || id.startsWith('.') || !existsSync(join(root, id, MANIFEST_FILE))) {
    const installed = (await listFamilies(root)).filter((f) => f.roles.includes('generator')).map((f) => f.id);
    throw LatentshopError.of('familyNotInstalled', { name: id, folder: root, installed: installed.join(', ') || '—' });
  }
  await selectBackend();
  return getLatentFamily(id, root);
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

/** A file → the family's domain (region, grey or RGB, fit, pad, auto polarity); a region off the image is refused. */
export async function readDomainImage(path: string, fam: LatentFamily, region?: Rect): Promise<DomainInput> {
  const photo = await decodeImageFile(path);
  checkRegion(photo, region, path);
  const { values, mapping } = photoToDomain(photo, clampRegion(photo, region), fam.domain);
  return { photo, values, mapping };
}

/** Writes domain images (one, or a grid already made) as an 8-bit grey or RGB file, atomically. */
export async function writeRaw(path: string, image: RawImage, overwrite: boolean): Promise<string> {
  const format = imageFormat(path);
  const raster: RasterImage = { width: image.width, height: image.height, channels: image.channels, bitDepth: 8, data: image.bytes, metadata: { name: path } };
  return (await exportRaster(raster, path, { format, overwrite })).path;
}

export function writeDomain(path: string, fam: LatentFamily, values: Float32Array, invert: boolean, overwrite: boolean): Promise<string> {
  return writeRaw(path, domainBytes(values, fam.domain, invert), overwrite);
}

/** z files: a JSON array of numbers, or of arrays of numbers (several codes). */
export async function readLatents(path: string, latentSize: number): Promise<Float32Array> {
  const json = await readJsonFile(path);
  const rows = Array.isArray(json) && Array.isArray(json[0]) ? (json as unknown[]) : [json];
  const isCode = (r: unknown): r is number[] => Array.isArray(r) && r.length === latentSize && r.every((v) => typeof v === 'number' && Number.isFinite(v));
  if (!rows.every(isCode)) throw new UsageError(`${path} must hold an array of ${latentSize} numbers, or arrays of them`);
  return Float32Array.from(rows.flat());
}

export function round(value: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
