import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobResult } from '../../../../preload/contract/types';
import { jobResult } from '../../../app/job-result';
import { gradientPng, imageOf, nextEvent, startHarness, type Harness } from '../../../test/runtime-harness';
import { saveTestFamily } from './test-family';

/** Through a real engine process: jobs, fast paths, cancel and the blend-back contract. */
let harness: Harness;
let root: string;
let imageId: string;
const region = { x: 30, y: 20, width: 48, height: 40 };

beforeAll(async () => {
  await tf.setBackend('wasm');
  root = mkdtempSync(join(tmpdir(), 'latentshop-models-'));
  const brighter = Array.from({ length: 64 }, (_, j) => (j % 2 === 0 ? 0.8 : -0.8));
  await saveTestFamily(root, 'testfam', { brighter });
  await saveTestFamily(root, 'colourfam', { brighter }, 3);
  process.env['LATENTSHOP_MODELS'] = root;
  process.env['LATENTSHOP_STATE_DIR'] = join(root, 'state');
  harness = startHarness(1);
  const png = await gradientPng(120, 80);
  imageId = (await harness.runtime.service.upload({ name: 'photo.png', dataBase64: png.toString('base64') })).id;
}, 120_000);
afterAll(() => {
  harness?.close();
  rmSync(root, { recursive: true, force: true });
});

async function run(spec: Parameters<Harness['runtime']['service']['startJob']>[0]['spec']): Promise<JobResult> {
  const { jobId } = await harness.runtime.service.startJob({ spec });
  return jobResult(harness.runtime, jobId);
}

async function invertSession(family = 'testfam'): Promise<string> {
  const result = await run({ op: 'invert', imageId, family, method: 'hybrid', iterations: 5, region });
  if (result.kind !== 'latent') throw new Error(`expected a latent result, got ${result.kind}`);
  expect(result.reconstructionUrl).toMatch(/^data:image\/png;base64,/);
  // The reconstruction is shown in the family's own colours: grey (R = G = B everywhere), or RGB.
  const recon = await sharp(Buffer.from(result.reconstructionUrl.split(',')[1]!, 'base64')).removeAlpha().toColourspace('srgb').raw().toBuffer();
  let coloured = 0;
  for (let i = 0; i < recon.length; i += 3) if (recon[i] !== recon[i + 1] || recon[i] !== recon[i + 2]) coloured += 1;
  if (family === 'colourfam') expect(coloured).toBeGreaterThan(100);
  else expect(coloured).toBe(0);
  expect(result.z).toHaveLength(64);
  expect(result.region).toEqual(region);
  return result.sessionId;
}

async function pixels(id: string): Promise<Buffer> {
  return sharp(Buffer.from(await harness.runtime.host.call('preview', { imageId: id }))).raw().toBuffer();
}

describe('latent tools through the engine', () => {
  it('inverts into a session; previewEdit, listAttributes and modelSamples answer fast paths', async () => {
    const sessionId = await invertSession();
    const preview = await harness.runtime.service.previewEdit({ sessionId, attributes: { brighter: 1.5 }, maxSide: 64 });
    expect(preview.dataUrl).toMatch(/^data:image\/(jpeg|png);base64,/);
    expect(preview.region).toEqual(region);
    expect(preview.ms).toBeGreaterThan(0);
    expect((await harness.runtime.service.listAttributes({ family: 'testfam' })).map((a) => a.name)).toContain('brighter');
    expect((await harness.runtime.service.modelSamples({ family: 'testfam', count: 4, seed: 3 })).latents).toHaveLength(4);
    // Through the router (what Electron IPC and the WebSocket call): α is validated there.
    const refused = await harness.runtime.dispatch({ id: 1, method: 'previewEdit', args: { sessionId, attributes: { brighter: 5 } } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    const routed = await harness.runtime.dispatch({ id: 2, method: 'previewEdit', args: { sessionId, attributes: { brighter: -2 } } });
    expect(routed.ok).toBe(true);
    await harness.runtime.service.closeLatentSession({ sessionId });
    await expect(harness.runtime.service.previewEdit({ sessionId, attributes: {} })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  /** Pixels changed by applyEdit inside and outside the region, and inside pixels whose R, G and B moved by different amounts. */
  async function applyAndCompare(family: string): Promise<{ inside: number; outside: number; tinted: number }> {
    const sessionId = await invertSession(family);
    const edited = imageOf(await run({ op: 'applyEdit', sessionId, attributes: { brighter: 3 }, feather: 2 }));
    const [before, after] = [await pixels(imageId), await pixels(edited.id)];
    const counts = { inside: 0, outside: 0, tinted: 0 };
    for (let y = 0; y < 80; y += 1) {
      for (let x = 0; x < 120; x += 1) {
        const i = (y * 120 + x) * 4;
        const same = before.subarray(i, i + 4).equals(after.subarray(i, i + 4));
        const inside = x >= region.x && x < region.x + region.width && y >= region.y && y < region.y + region.height;
        if (!same && inside) counts.inside += 1;
        if (!same && !inside) counts.outside += 1;
        const moves = [0, 1, 2].map((c) => after[i + c]! - before[i + c]!);
        // Clipped channels cannot move freely; only unclipped pixels tell a tint from a grey change.
        const clipped = [0, 1, 2].some((c) => after[i + c] === 0 || after[i + c] === 255);
        if (inside && !clipped && Math.max(...moves) - Math.min(...moves) > 2) counts.tinted += 1;
      }
    }
    return counts;
  }

  it('an invert job takes the pixel loss it is given (L1 or the default L2)', async () => {
    const spec = { op: 'invert' as const, imageId, family: 'testfam', method: 'optimize' as const, iterations: 10, starts: 1, region };
    const [l2, l1] = await Promise.all([run(spec), run({ ...spec, pixelLoss: 'l1' })]);
    if (l2.kind !== 'latent' || l1.kind !== 'latent') throw new Error('expected latent results');
    // The same seeded start, so only the loss makes the codes differ.
    expect(l1.z).not.toEqual(l2.z);
    expect(await run({ ...spec, pixelLoss: 'l2' })).toMatchObject({ z: l2.z });
  });

  it('applyEdit makes a new image whose pixels outside the region are identical', async () => {
    const grey = await applyAndCompare('testfam');
    expect(grey.outside).toBe(0);
    expect(grey.inside).toBeGreaterThan(0);
    expect(grey.tinted).toBe(0); // a grey family changes every channel alike
  });

  it('a colour family inverts in colour and its edits change R, G and B each their own way', async () => {
    const colour = await applyAndCompare('colourfam');
    expect(colour.outside).toBe(0);
    expect(colour.tinted).toBeGreaterThan(50);
    // Learning works on colour examples too: the vector lands in this family's own file.
    const result = await run({ op: 'learnAttribute', family: 'colourfam', name: 'colour-learned', positives: [imageId], negatives: [imageId], method: 'hybrid' });
    if (result.kind !== 'attribute') throw new Error('expected an attribute result');
    expect(result.family).toBe('colourfam');
    expect((await harness.runtime.service.listAttributes({ family: 'colourfam' })).map((a) => a.name)).toContain('colour-learned');
    expect((await harness.runtime.service.listAttributes({ family: 'testfam' })).map((a) => a.name)).not.toContain('colour-learned');
  });

  it('constrain returns ranked candidates and sends previews with its progress', async () => {
    const sessionId = await invertSession();
    const previews: string[] = [];
    const listener = (p: { previewUrl?: string }) => void (p.previewUrl && previews.push(p.previewUrl));
    harness.runtime.service.on('jobProgress', listener);
    const strokes = [{ kind: 'colour' as const, colour: '#ffffff', size: 8, points: [{ x: 40, y: 40 }, { x: 70, y: 40 }] }];
    const result = await run({ op: 'constrain', sessionId, strokes, candidates: 2, iterations: 12 });
    harness.runtime.service.off('jobProgress', listener);
    if (result.kind !== 'constrained') throw new Error('expected a constrained result');
    expect(result.candidates).toHaveLength(2);
    expect(previews.length).toBeGreaterThan(0);
    const preview = await harness.runtime.service.previewEdit({ sessionId, attributes: {}, useConstrained: true, interpolation: 0.5 });
    expect(preview.dataUrl.length).toBeGreaterThan(100);
  });

  it('learnAttribute stores a user attribute with its provenance', async () => {
    const png = await gradientPng(40, 40);
    const other = (await harness.runtime.service.upload({ name: 'other.png', dataBase64: png.toString('base64') })).id;
    const result = await run({ op: 'learnAttribute', family: 'testfam', name: 'learned-one', positives: [imageId], negatives: [other], method: 'encoder' });
    if (result.kind !== 'attribute') throw new Error('expected an attribute result');
    expect(result.attribute.provenance).toMatchObject({ method: 'encoder', positives: 1, negatives: 1 });
    const listed = await harness.runtime.service.listAttributes({ family: 'testfam' });
    expect(listed.find((a) => a.name === 'learned-one')).toMatchObject({ learned: true, provenance: { method: 'encoder' } });
    expect(listed.find((a) => a.name === 'brighter')?.learned).toBeUndefined();
    const after = await harness.runtime.service.removeAttribute({ family: 'testfam', name: 'learned-one' });
    expect(after.map((a) => a.name)).not.toContain('learned-one');
    expect(after.map((a) => a.name)).toContain('brighter');
    await expect(harness.runtime.service.removeAttribute({ family: 'testfam', name: 'brighter' })).rejects.toMatchObject({ code: 'BAD_ARGUMENT' });
  });

  it('cancel stops an invert job within 1 s', async () => {
    const { jobId } = await harness.runtime.service.startJob({ spec: { op: 'invert', imageId, family: 'testfam', method: 'optimize', iterations: 5000 } });
    await nextEvent(harness.runtime, 'jobProgress', (p) => p.jobId === jobId && p.stage.startsWith('iteration'));
    const error = nextEvent(harness.runtime, 'jobError', (e) => e.jobId === jobId);
    const t0 = Date.now();
    await harness.runtime.service.cancelJob({ jobId });
    expect((await error).error.code).toBe('CANCELLED');
    expect(Date.now() - t0).toBeLessThan(1000);
    // The engine was not restarted under it: it stopped by itself.
    expect((await harness.runtime.service.modelSamples({ family: 'testfam', count: 1 })).latents).toHaveLength(1);
  });
});
