import type { ErrorCode, LatentshopErrorData } from '../../../preload/contract';
import { zhCNErrorCodes, zhCNErrors } from './errors.zh-CN';

/** A locale's own wording of engine errors: by catalogue key, and by code for the rest. */
interface ErrorWording {
  keys: Readonly<Record<string, string>>;
  codes: Readonly<Record<ErrorCode, string>>;
}

/** English needs none: main already wrote every message in English. */
const WORDINGS: Readonly<Record<string, ErrorWording>> = { 'zh-CN': { keys: zhCNErrors, codes: zhCNErrorCodes } };

/**
 * An engine error in the UI's language. A catalogued error is worded from its key and
 * parameters (a wrapped cause first, for its `{detail}`); any other keeps the engine's
 * English detail behind a translated kind, so the file or field it names still shows.
 */
export function wordError(data: LatentshopErrorData, locale: string): string {
  const wording = WORDINGS[locale];
  if (!wording) return data.message;
  const template = data.key === undefined ? undefined : wording.keys[data.key];
  if (template !== undefined) {
    const params = { ...data.params, ...(data.cause && { detail: wordError(data.cause, locale) }) };
    return fill(template, params);
  }
  return fill(wording.codes[data.code] ?? '{message}', { message: data.message });
}

/** The contract's fillTemplate, which the renderer may not import (it imports types only). */
function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
