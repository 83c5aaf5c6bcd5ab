import { exifTiffBody } from './exif';

/**
 * Adds EXIF to a TIFF that sharp wrote. libvips writes the ICC profile into TIFF but
 * no EXIF, so we patch the file ourselves: the source's descriptive IFD0 tags, its Exif
 * sub-IFD and its GPS IFD are appended at the end of the file together with a new IFD0
 * (sharp's entries plus ours), and the header is pointed at that IFD0. Appending leaves
 * every existing offset (strips, tiles, later IFDs) valid, so pixels are never touched.
 */

// Bytes per TIFF type (index = type code 1–13), and the unit to byte-swap by.
// RATIONAL/SRATIONAL are two 32-bit halves, so they swap per 4 bytes, not per 8.
const TYPE_SIZE = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];
const SWAP_UNIT = [0, 1, 1, 2, 4, 4, 1, 1, 2, 4, 4, 4, 8, 4];
const LONG = 4;
export const EXIF_IFD = 34665;
export const GPS_IFD = 34853;
/** IFD0 tags about the photo, not the pixels: safe to carry onto other pixels. Orientation is not among them: the pixels are upright. */
const DESCRIPTIVE = new Set([270, 271, 272, 305, 306, 315, 33432]);
/**
 * MakerNote holds vendor offsets we cannot relocate; the Interoperability pointer would
 * dangle; PixelX/YDimension describe the source's stored size, stale once rotated.
 */
const DROPPED_IN_EXIF = new Set([37500, 40962, 40963, 40965]);

export interface IfdEntry {
  tag: number;
  type: number;
  count: number;
  /** The value bytes, already in the byte order of the file they will be written to. */
  data: Uint8Array;
}

export interface TiffView { bytes: Uint8Array; view: DataView; little: boolean }

/** A classic TIFF header, or undefined (BigTIFF, whose magic is 43, is not handled). */
export function openTiff(bytes: Uint8Array): TiffView | undefined {
  if (bytes.length < 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mark = view.getUint16(0);
  if (mark !== 0x4949 && mark !== 0x4d4d) return undefined;
  const little = mark === 0x4949;
  return view.getUint16(2, little) === 42 ? { bytes, view, little } : undefined;
}

/** IFD0's offset, or 0. */
export function firstIfd(tiff: TiffView): number {
  return tiff.view.getUint32(4, tiff.little);
}

/**
 * The entries of the IFD at offset, values converted to the wanted byte order.
 * Entries of unknown type or whose values lie outside the buffer are dropped.
 */
export function readIfd(tiff: TiffView, offset: number, little: boolean): IfdEntry[] {
  const { bytes, view } = tiff;
  if (offset < 8 || offset + 2 > bytes.length) return [];
  const entries: IfdEntry[] = [];
  const count = view.getUint16(offset, tiff.little);
  for (let i = 0; i < count; i += 1) {
    const at = offset + 2 + i * 12;
    if (at + 12 > bytes.length) break;
    const type = view.getUint16(at + 2, tiff.little);
    const n = view.getUint32(at + 4, tiff.little);
    const size = (TYPE_SIZE[type] ?? 0) * n;
    if (size === 0) continue;
    const start = size <= 4 ? at + 8 : view.getUint32(at + 8, tiff.little);
    if (start + size > bytes.length) continue;
    const data = bytes.slice(start, start + size);
    if (tiff.little !== little) swapUnits(data, SWAP_UNIT[type] ?? 1);
    entries.push({ tag: view.getUint16(at, tiff.little), type, count: n, data });
  }
  return entries;
}

/** The offset a pointer entry (ExifIFD, GPS) holds, or 0. */
export function pointerValue(entries: IfdEntry[], tag: number, little: boolean): number {
  const entry = entries.find((e) => e.tag === tag && e.count === 1 && e.data.length === 4);
  return entry ? new DataView(entry.data.buffer, entry.data.byteOffset, 4).getUint32(0, little) : 0;
}

/**
 * A copy of tiff with exif's metadata added, or tiff itself when there is nothing to
 * add or either side cannot be parsed: a TIFF without EXIF beats a broken one.
 */
export function addExifToTiff(tiff: Uint8Array, exif: Uint8Array): Uint8Array {
  const out = openTiff(tiff);
  const src = openTiff(exifTiffBody(exif));
  if (!out || !src) return tiff;
  const { little } = out;
  const ifd0At = firstIfd(out);
  if (ifd0At < 8 || ifd0At + 2 > tiff.length) return tiff;
  const nextAt = ifd0At + 2 + out.view.getUint16(ifd0At, little) * 12;
  if (nextAt + 4 > tiff.length) return tiff;
  const ownAll = readIfd(out, ifd0At, little);
  // An entry of sharp's we could not read would vanish from the new IFD0: better no EXIF.
  if (ownAll.length !== out.view.getUint16(ifd0At, little)) return tiff;
  const own = ownAll.filter((e) => e.tag !== EXIF_IFD && e.tag !== GPS_IFD);
  const srcIfd0 = readIfd(src, firstIfd(src), little);
  const has = new Set(own.map((e) => e.tag));
  const added = srcIfd0.filter((e) => DESCRIPTIVE.has(e.tag) && !has.has(e.tag));
  // Type 13 (IFD) values are offsets into the source block: meaningless here.
  const exifIfd = readIfd(src, pointerValue(srcIfd0, EXIF_IFD, little), little).filter((e) => !DROPPED_IN_EXIF.has(e.tag) && e.type !== 13);
  const gpsIfd = readIfd(src, pointerValue(srcIfd0, GPS_IFD, little), little).filter((e) => e.type !== 13);
  if (added.length === 0 && exifIfd.length === 0 && gpsIfd.length === 0) return tiff;

  // IFDs must start on a word boundary; writeIfd keeps every block an even length.
  let end = tiff.length + (tiff.length % 2);
  const blocks: { at: number; bytes: Uint8Array }[] = [];
  const place = (entries: IfdEntry[], next: number): number => {
    const bytes = writeIfd(entries, end, next, little);
    blocks.push({ at: end, bytes });
    end += bytes.length;
    return end - bytes.length;
  };
  if (exifIfd.length > 0) added.push(longEntry(EXIF_IFD, place(exifIfd, 0), little));
  if (gpsIfd.length > 0) added.push(longEntry(GPS_IFD, place(gpsIfd, 0), little));
  const newIfd0 = place([...own, ...added], out.view.getUint32(nextAt, little));
  if (end > 0xffffffff) return tiff; // Offsets would overflow classic TIFF's 32 bits.

  const result = new Uint8Array(end);
  result.set(tiff);
  for (const block of blocks) result.set(block.bytes, block.at);
  new DataView(result.buffer).setUint32(4, newIfd0, little);
  return result;
}

/** An IFD placed at `start`: entries sorted by tag (TIFF requires it), then their out-of-line values. */
function writeIfd(entries: IfdEntry[], start: number, next: number, little: boolean): Uint8Array {
  const sorted = [...entries].sort((a, b) => a.tag - b.tag);
  const head = 2 + sorted.length * 12 + 4;
  const extra = sorted.reduce((sum, e) => sum + (e.data.length > 4 ? even(e.data.length) : 0), 0);
  const bytes = new Uint8Array(head + extra);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, sorted.length, little);
  let data = head;
  sorted.forEach((e, i) => {
    const at = 2 + i * 12;
    view.setUint16(at, e.tag, little);
    view.setUint16(at + 2, e.type, little);
    view.setUint32(at + 4, e.count, little);
    if (e.data.length <= 4) return bytes.set(e.data, at + 8);
    view.setUint32(at + 8, start + data, little);
    bytes.set(e.data, data);
    data += even(e.data.length);
  });
  view.setUint32(head - 4, next, little);
  return bytes;
}

function longEntry(tag: number, value: number, little: boolean): IfdEntry {
  const data = new Uint8Array(4);
  new DataView(data.buffer).setUint32(0, value, little);
  return { tag, type: LONG, count: 1, data };
}

function swapUnits(data: Uint8Array, unit: number): void {
  if (unit > 1) for (let i = 0; i + unit <= data.length; i += unit) data.subarray(i, i + unit).reverse();
}

function even(n: number): number {
  return n + (n % 2);
}
