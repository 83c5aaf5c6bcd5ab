import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { parseStage } from './job-stage';

describe('parseStage', () => {
  it('reads plain stages, counted steps and losses', () => {
    expect(parseStage('resize')).toEqual({ key: 'resize', params: {} });
    expect(parseStage('load model')).toEqual({ key: 'loadModel', params: {} });
    expect(parseStage('iteration 147/500, loss 0.0262')).toEqual({ key: 'iterationLoss', params: { k: '147', n: '500', loss: '0.0262' } });
    expect(parseStage('iteration 5/60')).toEqual({ key: 'iterationCount', params: { k: '5', n: '60' } });
    expect(parseStage('fill 2/5')).toEqual({ key: 'fillCount', params: { k: '2', n: '5' } });
  });

  it('has a wording in every language for each stage the engine reports', () => {
    const engineStages = ['blend', 'decode', 'done', 'edit', 'encode', 'finish', 'inpaint', 'load model', 'load', 'optimize', 'prepare', 'preview', 'resize', 'saved', 'upscale',
      'iteration 1/50', 'iteration 1/50, loss 0.1', 'invert 3/40', 'fill 1/4'];
    for (const stage of engineStages) {
      const { key } = parseStage(stage);
      expect(en.jobs.stage, stage).toHaveProperty(key);
      expect(zhCN.jobs.stage, stage).toHaveProperty(key);
    }
  });
});
