/** Stable error codes. The UI maps each to a message a photographer can act on. */
export const ERROR_CODES = [
  'BAD_ARGUMENT',
  'PATH_NOT_ALLOWED',
  'FILE_NOT_FOUND',
  'IMAGE_DECODE_FAILED',
  'IMAGE_TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'WRITE_FAILED',
  'WOULD_OVERWRITE_SOURCE',
  'FILE_EXISTS',
  'MODEL_INVALID',
  'MODEL_NOT_FOUND',
  'OUT_OF_MEMORY',
  'CANCELLED',
  'ENGINE_CRASHED',
  'UNAUTHORIZED',
  'UNKNOWN_IMAGE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The serialisable shape of every error that crosses a process boundary. */
export interface LatentshopErrorData {
  code: ErrorCode;
  message: string;
  /** The file the error is about, when there is one. */
  file?: string;
}

/** An error with a stable code; thrown in main and the engine, rebuilt from data in the renderer. */
export class LatentshopError extends Error implements LatentshopErrorData {
  readonly code: ErrorCode;
  readonly file?: string;

  constructor(code: ErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'LatentshopError';
    this.code = code;
    if (file !== undefined) this.file = file;
  }

  toData(): LatentshopErrorData {
    return this.file === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, file: this.file };
  }
}

/** Turns anything thrown into error data, without leaking a stack trace to the UI. */
export function toErrorData(error: unknown): LatentshopErrorData {
  if (error instanceof LatentshopError) return error.toData();
  if (isErrorData(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/out of memory|\bOOM\b|Cannot allocate|Array buffer allocation failed/i.test(message)) {
    return { code: 'OUT_OF_MEMORY', message: 'Not enough memory for this operation. Try a smaller image or region.' };
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
