import { describe, expect, it } from 'vitest';
import { methodSchemas, jobSpecSchema } from './schemas';

describe('latent contract validation', () => {
  const ok = (spec: unknown) => jobSpecSchema.safeParse(spec).success;

  it('accepts each latent job with its defaults left out', () => {
    expect(ok({ op: 'sample', family: 'fashion', count: 16 })).toBe(true);
    expect(ok({ op: 'invert', imageId: 'img_1', family: 'fashion', method: 'hybrid', region: { x: 0, y: 0, width: 10, height: 10 } })).toBe(true);
    expect(ok({ op: 'applyEdit', sessionId: 'lat_1', attributes: { 'class-sneaker': 1.5, smile: -3 } })).toBe(true);
    expect(ok({ op: 'learnAttribute', family: 'fashion', name: 'boot-ish', positives: ['a'], negatives: ['b'], method: 'encoder' })).toBe(true);
    expect(ok({ op: 'constrain', sessionId: 'lat_1', strokes: [{ kind: 'colour', colour: '#ff0000', size: 4, points: [{ x: 1, y: 2 }] }] })).toBe(true);
  });

  it('refuses α outside [-3, 3], bad names, counts and sizes', () => {
    expect(ok({ op: 'applyEdit', sessionId: 'lat_1', attributes: { smile: 3.01 } })).toBe(false);
    expect(ok({ op: 'applyEdit', sessionId: 'lat_1', attributes: { Smile: 1 } })).toBe(false);
    expect(ok({ op: 'applyEdit', sessionId: 'lat_1', attributes: { 'a/../b': 1 } })).toBe(false);
    expect(ok({ op: 'applyEdit', sessionId: 'lat_1', attributes: {}, useConstrained: true, candidate: 2 })).toBe(true);
    expect(ok({ op: 'applyEdit', sessionId: 'lat_1', attributes: {}, useConstrained: true, candidate: -1 })).toBe(false);
    expect(ok({ op: 'learnAttribute', family: 'fashion', name: `a${'b'.repeat(41)}`, positives: ['a'], negatives: ['b'], method: 'encoder' })).toBe(false);
    expect(ok({ op: 'learnAttribute', family: 'fashion', name: 'x', positives: [], negatives: ['b'], method: 'encoder' })).toBe(false);
    expect(ok({ op: 'sample', family: 'fashion', count: 257 })).toBe(false);
    expect(ok({ op: 'sample', family: '../etc', count: 1 })).toBe(false);
    expect(ok({ op: 'invert', imageId: 'i', family: 'fashion', method: 'magic' })).toBe(false);
    expect(ok({ op: 'invert', imageId: 'i', family: 'fashion', method: 'hybrid', pixelLoss: 'l1' })).toBe(true);
    expect(ok({ op: 'invert', imageId: 'i', family: 'fashion', method: 'hybrid', pixelLoss: 'huber' })).toBe(false);
    expect(ok({ op: 'invert', imageId: 'i', family: 'fashion', method: 'optimize', region: { x: 0, y: 0, width: 0, height: 5 } })).toBe(false);
    expect(ok({ op: 'constrain', sessionId: 's', strokes: [{ kind: 'colour', size: 4, points: [{ x: 1, y: 2 }] }] })).toBe(false);
    expect(ok({ op: 'constrain', sessionId: 's', strokes: [{ kind: 'sketch', size: 4, points: [] }] })).toBe(false);
  });

  it('validates the fast paths', () => {
    expect(methodSchemas.previewEdit.safeParse({ sessionId: 's', attributes: { a: 1 }, maxSide: 512 }).success).toBe(true);
    expect(methodSchemas.previewEdit.safeParse({ sessionId: 's', attributes: { a: -4 } }).success).toBe(false);
    expect(methodSchemas.modelSamples.safeParse({ family: 'fashion', count: 65 }).success).toBe(false);
    expect(methodSchemas.listAttributes.safeParse({ family: 'fashion' }).success).toBe(true);
    expect(methodSchemas.removeAttribute.safeParse({ family: 'fashion', name: 'boot-look' }).success).toBe(true);
    // A name that could never be stored (path characters) is refused before it reaches the engine.
    expect(methodSchemas.removeAttribute.safeParse({ family: 'fashion', name: '../x' }).success).toBe(false);
    expect(methodSchemas.closeLatentSession.safeParse({ sessionId: 'x', extra: 1 }).success).toBe(false);
  });
});
