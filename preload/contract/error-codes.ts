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
