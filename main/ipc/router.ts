import { z } from 'zod';
import { LatentshopError, toErrorData } from '../../preload/contract/errors';
import { methodSchemas } from '../../preload/contract/schemas';
import type { LatentshopMethods, MethodName, WireReply } from '../../preload/contract/service';

const requestSchema = z.object({ id: z.number().int().nonnegative(), method: z.string().max(64), args: z.unknown() }).strict();

export type Dispatch = (request: unknown) => Promise<WireReply>;

/**
 * The one entry point for every transport (Electron IPC, WebSocket): it checks the
 * request shape, validates the arguments with the method's zod schema, and turns any
 * failure into a typed error reply. Nothing unvalidated reaches the service.
 */
export function createRouter(service: LatentshopMethods): Dispatch {
  return async (raw) => {
    const parsed = requestSchema.safeParse(raw);
    const id = parsed.success ? parsed.data.id : -1;
    try {
      if (!parsed.success) throw new LatentshopError('BAD_ARGUMENT', 'Malformed request.');
      const method = parsed.data.method;
      if (!isMethod(method)) throw new LatentshopError('BAD_ARGUMENT', `Unknown method "${method}".`);
      const args = methodSchemas[method].safeParse(parsed.data.args ?? {});
      if (!args.success) throw new LatentshopError('BAD_ARGUMENT', describeIssue(method, args.error));
      const call = service[method] as (args: unknown) => Promise<unknown>;
      const value = await call.call(service, args.data);
      return { id, ok: true, value: value ?? null };
    } catch (error) {
      return { id, ok: false, error: toErrorData(error) };
    }
  };
}

function isMethod(name: string): name is MethodName {
  return Object.hasOwn(methodSchemas, name);
}

function describeIssue(method: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `Invalid arguments for ${method}.`;
  const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments';
  return `Invalid ${method}: ${where}: ${issue.message}`;
}
