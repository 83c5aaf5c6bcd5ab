import { describe, expect, it } from 'vitest';
import { classAttributes } from './attributes';
import { CLASS_NAMES } from './data';

/**
 * 2-d codes where class c's images sit at (c, 0) and (c, 2): every class mean is (c, 1), so
 * each direction is known exactly.
 */
describe('class directions from labelled codes', () => {
  const labels = CLASS_NAMES.flatMap((_, c) => [c, c]);
  const codes = Float32Array.from(labels.flatMap((c, i) => [c, i % 2 === 0 ? 0 : 2]));
  const attributes = classAttributes(codes, 2, labels, { method: 'hybrid', kindSuffix: '-hybrid' });
  const byName = new Map(attributes.map((a) => [a.name, a]));

  it('class-<name> is the class mean minus the mean of all codes', () => {
    // Mean of all: (4.5, 1).
    expect(byName.get('class-t-shirt-top')).toMatchObject({ kind: 'class-mean-hybrid', classIndex: 0, vector: [-4.5, 0], provenance: { method: 'hybrid', positives: 2, negatives: 20 } });
    expect(byName.get('class-ankle-boot')?.vector).toEqual([4.5, 0]);
  });

  it('<from>-to-<to> is the mean of `to` minus the mean of `from`', () => {
    const sneakerToBoot = byName.get('sneaker-to-ankle-boot');
    expect(sneakerToBoot).toMatchObject({ kind: 'class-transform-hybrid', classIndex: CLASS_NAMES.indexOf('Ankle boot'), vector: [2, 0], provenance: { positives: 2, negatives: 2 } });
    expect(byName.get('shirt-to-dress')?.vector).toEqual([3 - 6, 0]);
  });
});
