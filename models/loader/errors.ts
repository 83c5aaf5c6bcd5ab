import type { z } from 'zod';
import { LatentshopError } from '../../preload/contract/errors';

/** `networks[0].input.range` from a zod issue path, so a user can find the field. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** MODEL_INVALID naming the file and the first offending field (the rest are counted). */
export function invalidManifest(file: string, error: z.ZodError): LatentshopError {
  const [first, ...rest] = error.issues;
  const where = first ? fieldPath(first.path) : '(root)';
  const problem = first ? describe(first) : 'invalid';
  const more = rest.length > 0 ? ` (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})` : '';
  return new LatentshopError('MODEL_INVALID', `${file}: ${where}: ${problem}${more}`, file);
}

function describe(issue: z.core.$ZodIssue): string {
  // zod's "expected string, received undefined" reads better as "required".
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'is required';
  return issue.message;
}

export function modelInvalid(file: string, problem: string): LatentshopError {
  return new LatentshopError('MODEL_INVALID', `${file}: ${problem}`, file);
}

export function modelNotFound(file: string, problem = 'file not found'): LatentshopError {
  return new LatentshopError('MODEL_NOT_FOUND', `${file}: ${problem}`, file);
}
