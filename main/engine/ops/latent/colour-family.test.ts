import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { constrainLatent } from './constrain';
import { mappingFor, photoToDomain } from './domain';
import { createLatentFamily, type LatentFamily } from './family';
import { domainQuality } from './invert-job';
import { generateValues, invertImages } from './invert';
import { seededLatents } from './sample';
import { rasteriseStrokes } from './strokes';
import { buildTestNets, makeTestFamily } from './test-family';

/** A family whose G makes RGB images: the manifest's "colour conversion" path end to end in the domain. */
let fam: LatentFamily;
const PX = 32 * 32 * 3;
beforeAll(async () => {
  await tf.setBackend('wasm');
  fam = makeTestFamily(1, 3);
});
afterAll(() => fam.dispose());

function meanPsnr(recon: Float32Array, target: Float32Array, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i += 1) sum += domainQuality(fam, recon.subarray(i * PX, (i + 1) * PX), target.subarray(i * PX, (i + 1) * PX)).psnr;
  return sum / count;
}

describe('a colour (RGB) family', () => {
  it('has a three-channel domain, and refuses nets whose channels disagree, naming the net', () => {
    expect(fam.domain.channels).toBe(3);
    const grey = buildTestNets(2, 1);
    const colour = buildTestNets(2, 3);
    expect(() => createLatentFamily({ id: 'mixed' }, { ...colour, E: grey.E! })).toThrow(/encoder takes 1-channel images, the generator makes 3/);
    expect(() => createLatentFamily({ id: 'declared', domain: { channels: 1 } }, colour)).toThrow(/manifest says 1 channels, the generator makes 3/);
    for (const net of [...Object.values(grey), ...Object.values(colour)]) net.dispose();
  });

  it('inverts RGB images: optimize lowers the loss and gains > 6 dB over a random z, on three distinct channels', async () => {
    const targets = generateValues(fam, seededLatents(64, 2, 1000), 2);
    expect(targets).toHaveLength(2 * PX);
    const before = tf.memory().numTensors;
    const start = await invertImages(fam, targets, 2, { method: 'optimize', iterations: 1, starts: 2 });
    const result = await invertImages(fam, targets, 2, { method: 'optimize', iterations: 60, starts: 2 });
    expect(tf.memory().numTensors).toBe(before);
    for (let i = 0; i < 2; i += 1) expect(result.loss[i]).toBeLessThan(start.loss[i]! * 0.7);
    const random = meanPsnr(generateValues(fam, seededLatents(64, 2, 5), 2), targets, 2);
    expect(meanPsnr(result.recon, targets, 2)).toBeGreaterThan(random + 6);
    // The targets are really colour (R and B differ), so the PSNR above is over three distinct channels.
    let spread = 0;
    for (let p = 0; p < PX; p += 3) spread += Math.abs(targets[p]! - targets[p + 2]!);
    expect(spread / (PX / 3)).toBeGreaterThan(0.01);
  });

  it('hybrid and encoder run on an RGB photo mapped into the domain', async () => {
    const data = new Uint8Array(40 * 40 * 3);
    for (let p = 0; p < 40 * 40; p += 1) data.set([180, 60, 20], p * 3);
    const { values } = photoToDomain({ width: 40, height: 40, channels: 3, bitDepth: 8, data, metadata: { name: 'orange.png' } }, { x: 0, y: 0, width: 40, height: 40 }, fam.domain, 'normal');
    const encoder = await invertImages(fam, values, 1, { method: 'encoder' });
    const hybrid = await invertImages(fam, values, 1, { method: 'hybrid', iterations: 30 });
    expect(encoder.recon).toHaveLength(PX);
    expect(hybrid.loss[0]).toBeLessThan(encoder.loss[0]!);
  });

  it("constrained editing follows the stroke's own colour, not only its brightness", async () => {
    const m = mappingFor({ x: 0, y: 0, width: 28, height: 28 }, 'normal', fam.domain);
    const z0 = seededLatents(64, 1, 42);
    /** Mean red minus blue under the stroke, after painting it in `colour`. */
    const redMinusBlue = async (colour: string): Promise<number> => {
      const masks = rasteriseStrokes([{ kind: 'colour', colour, size: 8, points: [{ x: 4, y: 14 }, { x: 24, y: 14 }] }], m);
      const outcome = await constrainLatent(fam, z0, z0, masks, { iterations: 40, candidates: 2, stayClose: 0.001, realism: 0 });
      expect(outcome.candidates[0]!.constraintError).toBeLessThan(outcome.constraintErrorBefore * 0.5);
      const image = generateValues(fam, outcome.candidates[0]!.z, 1);
      let [sum, n] = [0, 0];
      masks.colourMask.forEach((on, p) => on && ((sum += image[p * 3]! - image[p * 3 + 2]!), (n += 1)));
      return sum / n;
    };
    // Orange and azure, of nearly equal luminance: painted as grey they would ask for the same thing.
    expect((await redMinusBlue('#c08040')) - (await redMinusBlue('#4080c0'))).toBeGreaterThan(0.1);
  });
});
