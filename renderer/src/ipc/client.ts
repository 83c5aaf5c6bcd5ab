import type { EventName, LatentshopApi, LatentshopBridge, WireEvent } from '../../../preload/contract';

/** Maps `onJobProgress` to `jobProgress`; anything not shaped like `onX` is a method. */
function eventNameOf(property: string): EventName | null {
  if (!/^on[A-Z]/.test(property)) return null;
  return (property.charAt(2).toLowerCase() + property.slice(3)) as EventName;
}

/**
 * The typed API over a bridge. The only place method and event names become strings:
 * `api.startJob({ spec })` sends `{ method: 'startJob', args }`, and `api.onJobDone(cb)`
 * subscribes to events named `jobDone`. Each on-call returns its own unsubscribe function.
 */
export function createApi(bridge: LatentshopBridge): LatentshopApi {
  const cache = new Map<string, unknown>();
  const handler: ProxyHandler<object> = {
    get(_target, property) {
      // Vue and promise machinery probe objects for `then` and symbols; answer "not here".
      if (typeof property !== 'string' || property === 'then') return undefined;
      const cached = cache.get(property);
      if (cached) return cached;
      const event = eventNameOf(property);
      const fn = event
        ? (listener: (payload: unknown) => void) =>
            bridge.subscribe((message: WireEvent) => {
              if (message.event === event) listener(message.payload);
            })
        : (args: unknown) => bridge.request({ method: property, args: args ?? {} });
      cache.set(property, fn);
      return fn;
    },
  };
  return new Proxy({}, handler) as LatentshopApi;
}
