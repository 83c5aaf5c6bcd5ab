import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../i18n/en';
import { zhCN } from '../i18n/zh-CN';
import { backendTooltip } from './backend-text';

const i18n = createI18n({ legacy: false, locale: 'en', messages: { en, 'zh-CN': zhCN } });
const t = (key: string, params?: Record<string, string>) => i18n.global.t(key, params ?? {});

describe('backend tooltip', () => {
  const info = {
    name: 'wasm' as const,
    reason: 'best available; skipped tensorflow-gpu: libtensorflow.so.2: cannot open shared object file; tensorflow: not installed',
    skipped: [{ name: 'tensorflow-gpu', detail: 'libtensorflow.so.2: cannot open shared object file' }, { name: 'tensorflow', notInstalled: true as const }],
    simd: true,
  };

  it('says why, what was skipped and whether SIMD is on, in the UI language', () => {
    i18n.global.locale.value = 'en';
    expect(backendTooltip(info, t)).toBe([
      'The fastest backend that runs on this machine.',
      'Skipped tensorflow-gpu: libtensorflow.so.2: cannot open shared object file',
      'Skipped tensorflow: not installed',
      'WebAssembly SIMD is on.',
    ].join('\n'));
    i18n.global.locale.value = 'zh-CN';
    expect(backendTooltip(info, t)).toBe([
      '此机器上可运行的最快后端。',
      '已跳过 tensorflow-gpu：libtensorflow.so.2: cannot open shared object file',
      '已跳过 tensorflow：未安装',
      'WebAssembly SIMD 已开启。',
    ].join('\n'));
  });

  it('says when LATENTSHOP_BACKEND chose it, and nothing about SIMD off wasm', () => {
    i18n.global.locale.value = 'en';
    expect(backendTooltip({ name: 'cpu', reason: 'forced by LATENTSHOP_BACKEND', forced: true }, t)).toBe('Chosen by LATENTSHOP_BACKEND.');
  });
});
