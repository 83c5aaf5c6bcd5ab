import type { BackendInfo } from '../../../preload/contract';

type Translate = (key: string, params?: Record<string, string>) => string;

/**
 * The status bar's tooltip on the backend: why it was chosen, each better one skipped and why,
 * and whether wasm has SIMD, worded from the engine's structured report rather than its
 * English `reason`. A library's own failure text is passed through as it is.
 */
export function backendTooltip(info: BackendInfo, t: Translate): string {
  const lines = [t(info.forced ? 'status.backendForced' : 'status.backendBest')];
  for (const s of info.skipped ?? []) {
    lines.push(t('status.backendSkipped', { name: s.name, why: s.notInstalled ? t('status.backendNotInstalled') : (s.detail ?? '') }));
  }
  if (info.simd !== undefined) lines.push(t(info.simd ? 'status.simdOn' : 'status.simdOff'));
  return lines.join('\n');
}
