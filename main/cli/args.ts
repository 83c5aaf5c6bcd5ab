import { LatentshopError, toErrorData } from '../../preload/contract/errors';

/** The slice of a stream the CLI writes to; process.stdout and test fakes both fit. */
export interface CliStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdout: CliStream;
  stderr: CliStream;
}

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** Options every image-writing command shares, so their meaning never drifts between commands. */
export const IMAGE_OUTPUT_OPTIONS = {
  output: { type: 'string', short: 'o' },
  format: { type: 'string', short: 'f' },
  quality: { type: 'string', short: 'q' },
  overwrite: { type: 'boolean' },
  json: { type: 'boolean' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

/** Bad flags or arguments: exit code 2 and a pointer to --help, never a stack. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Runs node:util parseArgs, turning its TypeErrors into UsageErrors. */
export function parseOrUsage<R>(parse: () => R): R {
  try {
    return parse();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(ambiguousValue(message) ?? message.split('\n')[0] ?? message);
  }
}

/**
 * Node's "Option '-o' argument is ambiguous." for a value that starts with a dash (-x.png, a
 * negative strength) names neither the cause nor the fix on its first line: say both.
 */
function ambiguousValue(message: string): string | undefined {
  const match = /^Option '([^']+)' argument is ambiguous\.[\s\S]*use '(--[^=']+)=/.exec(message);
  if (!match) return undefined;
  const [, flag, long] = match;
  return `${flag} needs a value, and the argument after it starts with a dash. If that is the value, join them with '=': ${long}=-…`;
}

export interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
}

export function parseNumber(value: string | undefined, flag: string, rule: NumberRule): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  const ok = value.trim() !== '' && Number.isFinite(number) && (!rule.integer || Number.isInteger(number));
  if (!ok || number < rule.min || number > rule.max) {
    const kind = rule.integer ? 'a whole number' : 'a number';
    throw new UsageError(`${flag} must be ${kind} from ${rule.min} to ${rule.max}, not "${value}"`);
  }
  return number;
}

/** Prints `latentshop: <file>: <message>` (file when known) and returns exit code 1. */
export function printFailure(io: CliIo, error: unknown, file?: string): number {
  const data = toErrorData(error);
  const about = (error instanceof LatentshopError ? error.file : data.file) ?? file;
  // The app's "allow overwriting" is a flag here: name it.
  const hint = data.code === 'FILE_EXISTS' || data.code === 'WOULD_OVERWRITE_SOURCE' ? ' (--overwrite allows it)' : '';
  // A message that already names the path (a model loader's) is not prefixed with it again.
  const prefix = about && !data.message.includes(about) ? `${about}: ` : '';
  io.stderr.write(`latentshop: ${prefix}${data.message}${hint}\n`);
  return EXIT_FAILED;
}

export function writeJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
