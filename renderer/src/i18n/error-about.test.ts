// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { errorAbout, setLocale } from './index';

describe('errorAbout', () => {
  const damaged = { code: 'IMAGE_DECODE_FAILED' as const, message: 'b.png could not be opened: the file is damaged or incomplete.', key: 'damaged' as const, params: { name: 'b.png' } };

  it('names the file once: not again when the wording names it, in front when it does not', () => {
    setLocale('en');
    expect(errorAbout('b.png', damaged)).toBe(damaged.message);
    expect(errorAbout('c.png', new Error('disk went away'))).toBe('c.png: disk went away');
    setLocale('zh-CN');
    expect(errorAbout('b.png', damaged)).toBe('无法打开 b.png：文件已损坏或不完整。');
    expect(errorAbout('c.png', new Error('disk went away'))).toBe('c.png：内部错误：disk went away');
  });
});
