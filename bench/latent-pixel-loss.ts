/**
 * The inversion's pixel term, L2 (the default) against L1, on held-out Fashion-MNIST test
 * images (t10k). The baseline is L2, measured in the same run:
 * - clean images: PSNR and SSIM in the domain (as the latent bench scores them), for hybrid's
 *   default 50-step run and for optimize (500 steps, 4 starts; fewer images: it is slow);
 * - an outlier the generator cannot make: a white 7 × 7 square ("a sticker", 6% of the
 *   product's 28 × 28 area) pasted at a position that varies per image. Scored against the
 *   clean image outside the sticker (PSNR over the 28 × 28 content area): a robust loss should
 *   keep the rest of the product where it is.
 * `--quick`: 20 and 4 images instead of 100 and 20.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { InversionMethod, PixelLoss } from '../preload/contract/latent';
import { DEFAULT_DATA_DIR, loadFashion, SIDE, toFloat } from '../models/training/data';
import { getLatentFamily, type LatentFamily } from '../main/engine/ops/latent/family';
import { invertImages } from '../main/engine/ops/latent/invert';
import { meanQuality } from './latent-merge';

const PAD = 2;
const STICKER = 7;
const PIXELS = SIDE * SIDE;

/** The sticker's top-left corner in image i (inside the 28 × 28 content area, away from its edge). */
function stickerAt(i: number): { x: number; y: number } {
  return { x: PAD + 2 + ((i * 7) % 15), y: PAD + 2 + ((i * 11) % 15) };
}

function withStickers(images: Float32Array, count: number): { images: Float32Array; mask: Uint8Array } {
  const out = images.slice();
  const mask = new Uint8Array(count * PIXELS);
  for (let i = 0; i < count; i += 1) {
    const { x, y } = stickerAt(i);
    for (let r = y; r < y + STICKER; r += 1) {
      for (let c = x; c < x + STICKER; c += 1) {
        out[i * PIXELS + r * SIDE + c] = 1;
        mask[i * PIXELS + r * SIDE + c] = 1;
      }
    }
  }
  return { images: out, mask };
}

/** Mean over images of the PSNR (range [0, 1]) against the clean image, outside the sticker, in the content area. */
function psnrOutside(recon: Float32Array, clean: Float32Array, mask: Uint8Array, count: number): number {
  let total = 0;
  for (let i = 0; i < count; i += 1) {
    let squared = 0;
    let n = 0;
    for (let r = PAD; r < SIDE - PAD; r += 1) {
      for (let c = PAD; c < SIDE - PAD; c += 1) {
        const k = i * PIXELS + r * SIDE + c;
        if (mask[k]) continue;
        const d = (recon[k]! - clean[k]!) / 2;
        squared += d * d;
        n += 1;
      }
    }
    total += Math.min(60, 10 * Math.log10(n / Math.max(squared, 1e-12)));
  }
  return total / count;
}

async function invert(fam: LatentFamily, images: Float32Array, count: number, method: InversionMethod, pixelLoss: PixelLoss): Promise<{ recon: Float32Array; ms: number }> {
  const imageSeeds = Array.from({ length: count }, (_, i) => 1000 + i);
  const { recon, ms } = await invertImages(fam, images, count, { method, imageSeeds, pixelLoss });
  return { recon, ms };
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, unknown>> {
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to initialise');
  const fam = await getLatentFamily('fashion');
  const [hybridCount, optimizeCount] = quick ? [20, 4] : [100, 20];
  const test = loadFashion('t10k', DEFAULT_DATA_DIR, hybridCount);
  const clean = toFloat(test, Array.from({ length: hybridCount }, (_, i) => i));
  const { images: stickered, mask } = withStickers(clean, hybridCount);
  const losses: PixelLoss[] = ['l2', 'l1'];
  const rows: Record<string, Record<string, number>> = {};
  for (const loss of losses) {
    const hybrid = await invert(fam, clean, hybridCount, 'hybrid', loss);
    const occluded = await invert(fam, stickered, hybridCount, 'hybrid', loss);
    const optimizeImages = clean.subarray(0, optimizeCount * PIXELS);
    const optimize = await invert(fam, optimizeImages, optimizeCount, 'optimize', loss);
    const h = meanQuality(fam, hybrid.recon, clean, hybridCount);
    const o = meanQuality(fam, optimize.recon, optimizeImages, optimizeCount);
    rows[loss] = {
      hybridPsnr: h.psnr,
      hybridSsim: h.ssim,
      stickerPsnrOutside: psnrOutside(occluded.recon, clean, mask, hybridCount),
      optimizePsnr: o.psnr,
      optimizeSsim: o.ssim,
      optimizeMsPerImage: optimize.ms / optimizeCount,
    };
  }
  const [l2, l1] = [rows['l2']!, rows['l1']!];
  return {
    images: { hybrid: hybridCount, optimize: optimizeCount },
    l2,
    l1,
    // The baseline is L2 from this run: differences in dB, ratios of SSIM.
    l1MinusL2Db: { hybrid: l1.hybridPsnr! - l2.hybridPsnr!, sticker: l1.stickerPsnrOutside! - l2.stickerPsnrOutside!, optimize: l1.optimizePsnr! - l2.optimizePsnr! },
    l1OverL2Ssim: { hybrid: l1.hybridSsim! / l2.hybridSsim!, optimize: l1.optimizeSsim! / l2.optimizeSsim! },
  };
}
