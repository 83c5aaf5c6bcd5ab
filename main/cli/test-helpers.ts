import type { CliStream } from './args';
import { runCli } from './index';

/** Test doubles for the CLI's streams, and a one-call runner. */
export function fakeStream(isTTY = false): CliStream & { text: string } {
  const s = { text: '', isTTY, write: (chunk: string) => (s.text += chunk) };
  return s;
}

export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = fakeStream();
  const stderr = fakeStream();
  const code = await runCli(argv, { stdout, stderr });
  return { code, out: stdout.text, err: stderr.text };
}
