import { crc32, deflateSync } from 'node:zlib';

/**
 * sharp attaches an ICC profile only by *transforming* pixels into it, and EXIF only
 * from parsed key/value strings. To keep the source's profile and EXIF byte for byte
 * we write the PNG chunks ourselves: iCCP and eXIf right after IHDR (both must come
 * before IDAT).
 */
const SIGNATURE_AND_IHDR = 8 + 25;

export function pngChunk(type: string, data: Uint8Array): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(data.length, 0);
  header.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(header.subarray(4))), 0);
  return Buffer.concat([header, data, crc]);
}

/** iCCP: profile name, NUL, compression method 0 (zlib), compressed profile. */
export function iccpChunk(icc: Uint8Array): Buffer {
  return pngChunk('iCCP', Buffer.concat([Buffer.from('icc\0\0', 'latin1'), deflateSync(icc)]));
}

/** eXIf holds the bare TIFF structure, without the "Exif\0\0" prefix. */
export function exifChunk(tiffBody: Uint8Array): Buffer {
  return pngChunk('eXIf', tiffBody);
}

export function insertAfterIhdr(png: Buffer, chunks: readonly Buffer[]): Buffer {
  if (chunks.length === 0) return png;
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('Not a PNG produced by sharp');
  return Buffer.concat([png.subarray(0, SIGNATURE_AND_IHDR), ...chunks, png.subarray(SIGNATURE_AND_IHDR)]);
}

/** The ICC header's data colour space ("RGB ", "GRAY", "CMYK"…), trimmed. */
export function iccColourSpace(icc: Uint8Array): string {
  return icc.length >= 20 ? Buffer.from(icc.subarray(16, 20)).toString('latin1').trim() : '';
}
