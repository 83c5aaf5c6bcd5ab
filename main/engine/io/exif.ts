/**
 * The few EXIF byte operations export needs. sharp hands us the raw block (with or
 * without the "Exif\0\0" APP1 prefix); we keep it verbatim and only patch orientation.
 */
const PREFIX = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0"
const ORIENTATION_TAG = 0x0112;
const SHORT = 3;

/** The TIFF structure inside an EXIF block, without the APP1 prefix (what PNG's eXIf chunk wants). */
export function exifTiffBody(exif: Uint8Array): Uint8Array {
  const prefixed = exif.length >= PREFIX.length && PREFIX.every((byte, i) => exif[i] === byte);
  return prefixed ? exif.subarray(PREFIX.length) : exif;
}

/**
 * A copy with IFD0's Orientation set to 1 (upright). Decoding already rotated the
 * pixels, so keeping the source's orientation would make viewers rotate them twice.
 * A block we cannot parse is returned unchanged (copied): losing EXIF is worse.
 */
export function resetExifOrientation(exif: Uint8Array): Uint8Array {
  const copy = new Uint8Array(exif);
  const body = exifTiffBody(copy);
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  if (body.length < 8) return copy;
  const order = view.getUint16(0);
  if (order !== 0x4949 && order !== 0x4d4d) return copy;
  const little = order === 0x4949;
  const ifd0 = view.getUint32(4, little);
  if (ifd0 + 2 > body.length) return copy;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count; i += 1) {
    const entry = ifd0 + 2 + i * 12;
    if (entry + 12 > body.length) break;
    if (view.getUint16(entry, little) !== ORIENTATION_TAG) continue;
    if (view.getUint16(entry + 2, little) === SHORT) view.setUint16(entry + 8, 1, little);
    break;
  }
  return copy;
}

/** Reads IFD0's Orientation (1–8), or undefined. Used by tests and diagnostics. */
export function readExifOrientation(exif: Uint8Array): number | undefined {
  const body = exifTiffBody(exif);
  if (body.length < 8) return undefined;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const little = view.getUint16(0) === 0x4949;
  const ifd0 = view.getUint32(4, little);
  if (ifd0 + 2 > body.length) return undefined;
  const count = view.getUint16(ifd0, little);
  for (let i = 0; i < count && ifd0 + 14 + i * 12 <= body.length; i += 1) {
    const entry = ifd0 + 2 + i * 12;
    if (view.getUint16(entry, little) === ORIENTATION_TAG) return view.getUint16(entry + 8, little);
  }
  return undefined;
}
