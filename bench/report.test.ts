import { describe, expect, it } from 'vitest';
import { toMarkdown } from './report';

describe('toMarkdown', () => {
  it('joins nested keys and formats numbers', () => {
    const table = toMarkdown({ inversion: { hybrid: { psnr: 21.4512, steps: 50 } } });
    expect(table.split('\n')).toContain('| inversion.hybrid.psnr | 21.45 |');
    expect(table.split('\n')).toContain('| inversion.hybrid.steps | 50 |');
  });

  it('gives each record of a list its own indexed rows', () => {
    const table = toMarkdown({ transforms: [{ name: 'shirt-to-dress', success: 0.83 }, { name: 'x', success: 1 }] });
    const lines = table.split('\n');
    expect(lines).toContain('| transforms.0.name | shirt-to-dress |');
    expect(lines).toContain('| transforms.1.success | 1 |');
    expect(table).not.toContain('[object Object]');
  });

  it('keeps a list of plain values on one row', () => {
    expect(toMarkdown({ psnrAt: [12.34, 16.2, 19] }).split('\n')).toContain('| psnrAt | 12.34, 16.20, 19 |');
  });
});
