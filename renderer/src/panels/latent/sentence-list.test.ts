// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { i18n, setLocale } from '../../i18n';
import { sentenceList } from './sentence-list';

const en = (m: string[], shown?: number) => sentenceList(m, '.', (n) => `And ${n} more.`, shown);
const zh = (m: string[], shown?: number) => sentenceList(m, '。', (n) => `另有 ${n} 个文件。`, shown);

describe('sentenceList', () => {
  it('joins sentences with a space in English, not with "; " after their full stops', () => {
    expect(en(['a.png may not have finished.', 'b.png could not be opened.'])).toBe('a.png may not have finished. b.png could not be opened.');
  });

  it('joins full-width sentences with nothing, as Chinese does', () => {
    expect(zh(['a.png 尚未完成。', '无法打开 b.png。'])).toBe('a.png 尚未完成。无法打开 b.png。');
  });

  it("ends a message that has no stop with the locale's own", () => {
    expect(en(['c.png: disk went away', 'd.png failed!'])).toBe('c.png: disk went away. d.png failed!');
    expect(zh(['c.png：内部错误：disk went away', '无法打开 b.png。'])).toBe('c.png：内部错误：disk went away。无法打开 b.png。');
  });

  it('lists the first three and counts the rest', () => {
    const many = ['1.png bad.', '2.png bad.', '3.png bad.', '4.png bad.', '5.png bad.'];
    expect(en(many)).toBe('1.png bad. 2.png bad. 3.png bad. And 2 more.');
    expect(en(many.slice(0, 3))).toBe('1.png bad. 2.png bad. 3.png bad.');
    expect(zh(['一。', '二。', '三。', '四。'])).toBe('一。二。三。另有 1 个文件。');
    expect(en([])).toBe('');
  });

  it("reads right with the app's own strings (the Learn dialog's skipped files), in both languages", () => {
    const { t } = i18n.global;
    const shipped = (m: string[]) => sentenceList(m, t('common.fullStop'), (n) => t('learn.moreFailed', n));
    setLocale('en');
    expect(shipped(['a.', 'b', 'c.', 'd.'])).toBe('a. b. c. And 1 more file.');
    expect(shipped(['a.', 'b.', 'c.', 'd.', 'e.'])).toBe('a. b. c. And 2 more files.');
    setLocale('zh-CN');
    expect(shipped(['一。', '二', '三。', '四。', '五。'])).toBe('一。二。三。另有 2 个文件。');
    setLocale('en');
  });
});
