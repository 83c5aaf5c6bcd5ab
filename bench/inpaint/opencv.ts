import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { RasterImage } from '../../main/engine/io/raster';

const run = promisify(execFile);

export interface OpenCvResult {
  version: string;
  outputs: Map<string, { telea: RasterImage; ns: RasterImage; teleaMs: number; nsMs: number }>;
}

/**
 * The first interpreter that can import cv2. Debian's python3-opencv lives under the system
 * interpreter, not a pyenv or venv one, so a bare `python3` on PATH may lack it.
 */
export function pythonWithOpenCv(): string | undefined {
  for (const candidate of [process.env['LATENTSHOP_PYTHON'], '/usr/bin/python3', 'python3']) {
    if (!candidate) continue;
    try {
      execFileSync(candidate, ['-c', 'import cv2'], { stdio: 'ignore' });
      return candidate;
    } catch {
      // No cv2 here (or no interpreter): try the next one.
    }
  }
  return undefined;
}

/** Writes 8-bit PNGs (image and mask) for each case into `dir`, runs opencv_inpaint.py, and reads the results back. */
export async function openCvInpaint(dir: string, cases: { name: string; image: RasterImage; mask: Uint8Array }[]): Promise<OpenCvResult> {
  const python = pythonWithOpenCv();
  if (!python) throw new Error('the OpenCV baseline needs a python3 that can import cv2: apt-get install -y python3-opencv (or set LATENTSHOP_PYTHON)');
  for (const { name, image, mask } of cases) {
    await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
      .png()
      .toFile(join(dir, `${name}.png`));
    const bytes = Uint8Array.from(mask, (v) => (v === 0 ? 0 : 255));
    await sharp(bytes, { raw: { width: image.width, height: image.height, channels: 1 } }).png().toFile(join(dir, `${name}.mask.png`));
  }
  const script = join(import.meta.dirname, 'opencv_inpaint.py');
  const { stdout } = await run(python, [script, dir, ...cases.map((c) => c.name)], { maxBuffer: 1 << 20 });
  const parsed = JSON.parse(stdout) as { opencv: string; timings: Record<string, { telea: number; ns: number }> };
  const outputs: OpenCvResult['outputs'] = new Map();
  for (const { name, image } of cases) {
    const read = async (label: string): Promise<RasterImage> => {
      const { data, info } = await sharp(join(dir, `${name}.${label}.png`))
        .toColourspace(image.channels === 1 ? 'b-w' : 'srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
      const channels = info.channels as RasterImage['channels'];
      return { width: info.width, height: info.height, channels, bitDepth: 8, data: new Uint8Array(data), metadata: { name } };
    };
    const t = parsed.timings[name];
    if (!t) throw new Error(`opencv_inpaint.py gave no result for ${name}`);
    outputs.set(name, { telea: await read('telea'), ns: await read('ns'), teleaMs: t.telea, nsMs: t.ns });
  }
  return { version: parsed.opencv, outputs };
}
