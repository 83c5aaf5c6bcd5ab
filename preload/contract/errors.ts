import { ERROR_CODES, type ErrorCode } from './error-codes';
import { ERROR_MESSAGES, type ErrorMessageKey, type ErrorParams, type ErrorParamsOf, fillTemplate } from './error-messages';

export { ERROR_CODES, type ErrorCode };
export type { ErrorMessageKey, ErrorParams };

/** The serialisable shape of every error that crosses a process boundary. */
export interface LatentshopErrorData {
  code: ErrorCode;
  /** English, for the CLI, logs and any UI that has no wording of its own for `key`. */
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
  /** Which catalogued message this is (see error-messages.ts), so a UI can word it in its own language. */
  key?: ErrorMessageKey;
  params?: ErrorParams;
  /** The error this one wraps, for a `{detail}` that a UI words in its own language too. */
  cause?: LatentshopErrorData;
}

/** An error with a stable code; thrown in main and the engine, rebuilt from data in the renderer. */
export class LatentshopError extends Error implements LatentshopErrorData {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly key?: ErrorMessageKey;
  readonly params?: ErrorParams;
  override readonly cause?: LatentshopErrorData;

  constructor(code: ErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'LatentshopError';
    this.code = code;
    if (file !== undefined) this.file = file;
  }

  /** A catalogued error: its code and English come from the key, its parameters are type-checked. */
  static of<K extends ErrorMessageKey>(key: K, params: ErrorParamsOf<K>, file?: string, cause?: LatentshopErrorData): LatentshopError {
    const [code, template] = ERROR_MESSAGES[key];
    const values: ErrorParams = { ...params };
    return LatentshopError.fromData({ code, message: fillTemplate(template, values), key, params: values, ...(file !== undefined && { file }), ...(cause && { cause }) });
  }

  /** Rebuilds an error that crossed a process boundary, keeping its key for the UI. */
  static fromData(data: LatentshopErrorData): LatentshopError {
    const error = new LatentshopError(data.code, data.message, data.file);
    const extra: Pick<LatentshopErrorData, 'key' | 'params' | 'cause'> = {};
    if (data.key !== undefined) extra.key = data.key;
    if (data.params !== undefined) extra.params = data.params;
    if (data.cause !== undefined) extra.cause = data.cause;
    return Object.assign(error, extra);
  }

  toData(): LatentshopErrorData {
    const data: LatentshopErrorData = { code: this.code, message: this.message };
    if (this.file !== undefined) data.file = this.file;
    if (this.key !== undefined) data.key = this.key;
    if (this.params !== undefined) data.params = this.params;
    if (this.cause !== undefined) data.cause = this.cause;
    return data;
  }
}

/** Turns anything thrown into error data, without leaking a stack trace to the UI. */
export function toErrorData(error: unknown): LatentshopErrorData {
  if (error instanceof LatentshopError) return error.toData();
  if (isErrorData(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/out of memory|\bOOM\b|Cannot allocate|Array buffer allocation failed/i.test(message)) {
    return LatentshopError.of('outOfMemory', {}).toData();
  }
  return { code: 'INTERNAL', message: firstLine(message) };
}

export function isErrorData(value: unknown): value is LatentshopErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return (
    typeof candidate.message === 'string' &&
    typeof candidate.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(candidate.code)
  );
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
