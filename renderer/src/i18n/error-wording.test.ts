import { describe, expect, it } from 'vitest';
import type { LatentshopErrorData } from '../../../preload/contract';
import { wordError } from './error-wording';

// What main sends (its English and catalogue come from preload/contract/error-messages.ts, tested there).
const missing: LatentshopErrorData = {
  code: 'FILE_NOT_FOUND',
  message: 'IMG_0042.jpg was not found. It may have been moved or deleted.',
  file: '/photos/IMG_0042.jpg',
  key: 'fileNotFound',
  params: { name: 'IMG_0042.jpg' },
};

describe('engine errors worded in the UI language', () => {
  it('words a catalogued error from its key and parameters, naming the file', () => {
    expect(wordError(missing, 'zh-CN')).toBe('找不到 IMG_0042.jpg。它可能已被移动或删除。');
    expect(wordError(missing, 'en')).toBe(missing.message);
  });

  it('fills numbers as the engine gave them', () => {
    const data: LatentshopErrorData = { code: 'BAD_ARGUMENT', message: '', key: 'resizeSideLimit', params: { width: 70000, height: 500, limit: 65535 } };
    expect(wordError(data, 'zh-CN')).toBe('结果将为 70000 × 500 像素；每边最多 65535。');
  });

  it('words a wrapped cause too, for the detail it fills in', () => {
    const cause: LatentshopErrorData = { code: 'BAD_ARGUMENT', message: 'The mask covers the whole image; nothing to fill from.', key: 'maskCoversAllFill', params: {} };
    const data: LatentshopErrorData = {
      code: 'BAD_ARGUMENT',
      message: `a.jpg (mask a.mask.png). ${cause.message}`,
      key: 'aboutImageAndMask',
      params: { image: 'a.jpg', mask: 'a.mask.png', detail: cause.message },
      cause,
    };
    expect(wordError(data, 'zh-CN')).toBe('a.jpg（蒙版 a.mask.png）：蒙版覆盖了整幅图像，没有可用来填充的内容。');
    expect(wordError(data, 'en')).toBe(data.message);
  });

  it('keeps the English detail of an error without a key (or with a key it does not know) behind a translated kind', () => {
    const broken: LatentshopErrorData = { code: 'MODEL_INVALID', message: 'models/x/manifest.json: networks.0.path: required' };
    expect(wordError(broken, 'zh-CN')).toBe('模型无效：models/x/manifest.json: networks.0.path: required');
    const fromOlderRecord = { code: 'FILE_NOT_FOUND', message: 'No mask for b.png.', key: 'retiredKey' } as unknown as LatentshopErrorData;
    expect(wordError(fromOlderRecord, 'zh-CN')).toBe('找不到文件：No mask for b.png.');
    expect(wordError(broken, 'en')).toBe(broken.message);
  });
});
