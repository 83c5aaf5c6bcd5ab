import type { ErrorCode, ErrorMessageKey, ErrorParams, LatentshopErrorData } from '../../../preload/contract';

/**
 * An error with a stable code, rebuilt in the renderer. The contract's own class lives in
 * runtime code the renderer must not import, so this mirrors its shape only.
 */
export class RpcError extends Error implements LatentshopErrorData {
  readonly code: ErrorCode;
  readonly file?: string;
  readonly key?: ErrorMessageKey;
  readonly params?: ErrorParams;
  override readonly cause?: LatentshopErrorData;

  constructor(data: LatentshopErrorData) {
    super(data.message);
    this.name = 'RpcError';
    this.code = data.code;
    if (data.file !== undefined) this.file = data.file;
    if (data.key !== undefined) this.key = data.key;
    if (data.params !== undefined) this.params = data.params;
    if (data.cause !== undefined) this.cause = data.cause;
  }
}

function looksLikeErrorData(value: unknown): value is LatentshopErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { code?: unknown; message?: unknown };
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}

/**
 * Normalises anything a request rejected with into error data for display.
 * Only the first line of a message is kept so a stack trace never reaches the UI.
 */
export function toErrorData(error: unknown): LatentshopErrorData {
  if (looksLikeErrorData(error)) {
    const data: LatentshopErrorData = { code: error.code, message: firstLine(error.message) };
    if (typeof error.file === 'string') data.file = error.file;
    // The catalogue key lets the UI word the error in its own language (see i18n/error-text.ts).
    if (typeof error.key === 'string') data.key = error.key;
    if (isParams(error.params)) data.params = error.params;
    if (looksLikeErrorData(error.cause)) data.cause = toErrorData(error.cause);
    return data;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: firstLine(message) };
}

function isParams(value: unknown): value is ErrorParams {
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).every((v) => typeof v === 'string' || typeof v === 'number');
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).trim();
}
