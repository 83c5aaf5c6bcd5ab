import { open } from 'node:fs/promises';

/** Reads `length` bytes at `offset`; fewer near the end of the file. */
type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

/**
 * Whether a WebP file stores its picture losslessly (a `VP8L` bitstream) rather than lossily
 * (`VP8 `), so that export can keep it so. libvips does not report it, and the answer sits in the
 * RIFF container: the first chunk, or in an extended file (`VP8X`) the first bitstream chunk
 * after the profile, EXIF and alpha chunks. Only chunk headers are read, never the pixels.
 */
export async function webpIsLossless(source: string | Uint8Array): Promise<boolean> {
  if (typeof source !== 'string') return scanChunks(async (offset, length) => source.subarray(offset, offset + length));
  const file = await open(source, 'r');
  try {
    return await scanChunks(async (offset, length) => {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await file.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    });
  } finally {
    await file.close();
  }
}

const ascii = (bytes: Uint8Array, from: number): string => String.fromCharCode(...bytes.subarray(from, from + 4));

async function scanChunks(readAt: ReadAt): Promise<boolean> {
  const header = await readAt(0, 12);
  if (header.length < 12 || ascii(header, 0) !== 'RIFF' || ascii(header, 8) !== 'WEBP') return false;
  // An animation's frames are in ANMF chunks; Latentshop reads only the first frame, and calls it lossy.
  for (let offset = 12; ; ) {
    const chunk = await readAt(offset, 8);
    if (chunk.length < 8) return false;
    const fourcc = ascii(chunk, 0);
    if (fourcc === 'VP8L') return true;
    if (fourcc === 'VP8 ' || fourcc === 'ANMF') return false;
    const size = new DataView(chunk.buffer, chunk.byteOffset, 8).getUint32(4, true);
    // Chunks are padded to an even size.
    offset += 8 + size + (size % 2);
  }
}
