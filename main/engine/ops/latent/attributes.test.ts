import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attributeInfo, attributeTerms, combineLatent, interpolateLatent, listAttributeInfos, loadAttributes, removeUserAttribute, saveUserAttribute, userAttributesPath } from './attributes';
import { meanDifference } from './learn';

describe('attribute arithmetic', () => {
  it('z + Σ α_i v_i is exact, term by term', () => {
    const z = [0.5, -1.25, 2];
    const v1 = [1, 0, -0.5];
    const v2 = [0.25, 0.75, 0];
    expect(combineLatent(z, [{ vector: v1, alpha: 2 }, { vector: v2, alpha: -0.5 }])).toEqual([0.5 + 2 - 0.125, -1.25 - 0.375, 2 - 1]);
    expect(combineLatent(z, [])).toEqual(z);
    expect(combineLatent(z, [{ vector: v1, alpha: 0 }])).toEqual(z);
  });

  it('adding then subtracting the same strength returns z exactly for dyadic values', () => {
    const z = [0.5, -0.25, 1.75];
    const v = [0.125, 2, -1];
    const there = combineLatent(z, [{ vector: v, alpha: 1.5 }]);
    expect(combineLatent(there, [{ vector: v, alpha: -1.5 }])).toEqual(z);
  });

  it('interpolates from z0 (t = 0) to z* (t = 1)', () => {
    expect(interpolateLatent([0, 2], [4, -2], 0)).toEqual([0, 2]);
    expect(interpolateLatent([0, 2], [4, -2], 1)).toEqual([4, -2]);
    expect(interpolateLatent([0, 2], [4, -2], 0.25)).toEqual([1, 1]);
  });

  it('names unknown attributes and checks lengths', () => {
    expect(() => attributeTerms([{ name: 'a', vector: [1] }], { b: 1 })).toThrow(/Unknown attribute "b"/);
    expect(() => combineLatent([1, 2], [{ vector: [1], alpha: 1 }])).toThrow(/length/);
  });

  it('the learned direction is the mean of positives minus the mean of negatives', () => {
    const pos = Float32Array.from([1, 2, 3, 4]);
    const neg = Float32Array.from([0, 0, 1, 1, 2, 2]);
    expect(meanDifference(pos, neg, 2)).toEqual([2 - 1, 3 - 1]);
  });
});

describe('attribute files', () => {
  let dir: string;
  const saved = process.env['LATENTSHOP_STATE_DIR'];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'latentshop-attr-'));
    process.env['LATENTSHOP_STATE_DIR'] = join(dir, 'state');
  });
  afterEach(() => {
    if (saved === undefined) delete process.env['LATENTSHOP_STATE_DIR'];
    else process.env['LATENTSHOP_STATE_DIR'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it("merges the user's vectors over the shipped file and skips bad entries", async () => {
    const shipped = join(dir, 'attributes.json');
    writeFileSync(shipped, JSON.stringify({ version: 1, latentSize: 2, attributes: [
      { name: 'smile', vector: [1, 1] }, { name: 'BAD NAME', vector: [1, 1] }, { name: 'short', vector: [1] }, { name: 'keep', vector: [0, 1] },
    ] }));
    await saveUserAttribute('fam', 2, { name: 'smile', vector: [2, 2], provenance: { method: 'encoder', positives: 3, negatives: 4 } });
    const merged = await loadAttributes({ id: 'fam', latentSize: 2, attributesPath: shipped });
    expect(merged.map((a) => a.name).sort()).toEqual(['keep', 'smile']);
    expect(merged.find((a) => a.name === 'smile')?.vector).toEqual([2, 2]);
    expect(userAttributesPath('fam')).toBe(join(dir, 'state', 'attributes', 'fam.json'));
    // Atomic write: no temp file is left beside the result.
    expect(readdirSync(join(dir, 'state', 'attributes'))).toEqual(['fam.json']);
  });

  it('a second save replaces the attribute of that name only', async () => {
    await saveUserAttribute('fam', 2, { name: 'a', vector: [1, 0] });
    await saveUserAttribute('fam', 2, { name: 'b', vector: [0, 1] });
    await saveUserAttribute('fam', 2, { name: 'a', vector: [3, 3] });
    const all = await loadAttributes({ id: 'fam', latentSize: 2 });
    expect(all.map((a) => [a.name, a.vector])).toEqual([['b', [0, 1]], ['a', [3, 3]]]);
  });

  it('loses no attribute when several writers save and remove at once (the file is locked)', async () => {
    const names = Array.from({ length: 8 }, (_, i) => `attr${i}`);
    await Promise.all(names.map((name, i) => saveUserAttribute('fam', 2, { name, vector: [i, 1] })));
    expect((await loadAttributes({ id: 'fam', latentSize: 2 })).map((a) => a.name).sort()).toEqual(names);
    await Promise.all([removeUserAttribute('fam', 2, 'attr0'), removeUserAttribute('fam', 2, 'attr1'), saveUserAttribute('fam', 2, { name: 'late', vector: [0, 0] })]);
    expect((await loadAttributes({ id: 'fam', latentSize: 2 })).map((a) => a.name).sort()).toEqual([...names.slice(2), 'late'].sort());
    // The lock is released: only the file is left.
    expect(readdirSync(join(dir, 'state', 'attributes'))).toEqual(['fam.json']);
  });

  it('removes a learned attribute only: a shadowed shipped one comes back, built-in ones refuse', async () => {
    const shipped = join(dir, 'attributes.json');
    writeFileSync(shipped, JSON.stringify({ version: 1, latentSize: 2, attributes: [{ name: 'smile', vector: [1, 1] }] }));
    const family = { id: 'fam', latentSize: 2, attributesPath: shipped };
    await saveUserAttribute('fam', 2, { name: 'smile', vector: [2, 2] });
    await saveUserAttribute('fam', 2, { name: 'mine', vector: [0, 1] });
    expect((await listAttributeInfos(family)).map((a) => [a.name, a.learned ?? false])).toEqual([['smile', true], ['mine', true]]);

    await removeUserAttribute('fam', 2, 'smile');
    expect((await loadAttributes(family)).map((a) => [a.name, a.vector])).toEqual([['smile', [1, 1]], ['mine', [0, 1]]]);
    expect((await listAttributeInfos(family)).map((a) => [a.name, a.learned ?? false])).toEqual([['smile', false], ['mine', true]]);
    await expect(removeUserAttribute('fam', 2, 'smile')).rejects.toMatchObject({ code: 'BAD_ARGUMENT', message: expect.stringContaining('built-in attributes cannot be removed') });
    await removeUserAttribute('fam', 2, 'mine');
    expect((await loadAttributes(family)).map((a) => a.name)).toEqual(['smile']);
    expect(readdirSync(join(dir, 'state', 'attributes'))).toEqual(['fam.json']);
  });

  it("gives shipped attributes the family's translated labels (class directions with their arrow), and the user's own none", async () => {
    const shipped = join(dir, 'attributes.json');
    writeFileSync(shipped, JSON.stringify({ version: 1, latentSize: 1, attributes: [
      { name: 'class-dress', label: 'Dress', classIndex: 3, vector: [1] }, { name: 'brightness', label: 'Brightness', vector: [1] }, { name: 'size', vector: [1] },
    ] }));
    const attributeLabels = { 'zh-CN': { 'class-dress': '连衣裙', brightness: '亮度', size: '大小' } };
    await saveUserAttribute('fam', 1, { name: 'size', vector: [2] });
    const infos = await listAttributeInfos({ id: 'fam', latentSize: 1, attributesPath: shipped, attributeLabels });
    expect(infos.map((a) => [a.name, a.label, a.labels])).toEqual([
      ['class-dress', '→ Dress', { 'zh-CN': '→ 连衣裙' }],
      ['brightness', 'Brightness', { 'zh-CN': '亮度' }],
      ['size', undefined, undefined], // Learned: the user's word, shadowing the shipped one.
    ]);
  });
});

describe('attribute info', () => {
  it('passes a calibrated strength on as the recommended one, and leaves it out otherwise', () => {
    const provenance = { method: 'labels' as const, positives: 3, negatives: 4 };
    expect(attributeInfo({ name: 'shirt-to-dress', vector: [1], provenance, strength: 2.5 })).toEqual({ name: 'shirt-to-dress', provenance, recommendedStrength: 2.5 });
    expect(attributeInfo({ name: 'mine', vector: [1], provenance })).toEqual({ name: 'mine', provenance });
    // Shipped labels: transforms as stored, class directions as "→ class".
    expect(attributeInfo({ name: 'shirt-to-dress', label: 'Shirt → Dress', classIndex: 3, vector: [1], provenance }).label).toBe('Shirt → Dress');
    expect(attributeInfo({ name: 'class-dress', label: 'Dress', classIndex: 3, vector: [1], provenance }).label).toBe('→ Dress');
    expect(attributeInfo({ name: 'brightness', label: 'Brightness', vector: [1], provenance }).label).toBe('Brightness');
  });
});
