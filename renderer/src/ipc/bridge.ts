import type { LatentshopBridge } from '../../../preload/contract';
import { RpcError, toErrorData } from './errors';
import { rpcUrl, takeToken } from './token';
import { type ConnectedBridge, createWsBridge } from './ws-bridge';

/**
 * Electron's preload bridge, with rejections rebuilt as RpcError: structured clone across
 * contextBridge can turn error objects into plain ones, and we want one error shape everywhere.
 */
function wrapPreload(bridge: LatentshopBridge): LatentshopBridge {
  return {
    request: (req) => bridge.request(req).catch((error: unknown) => Promise.reject(new RpcError(toErrorData(error)))),
    subscribe: (listener) => bridge.subscribe(listener),
  };
}

/** Picks the transport: the preload's bridge in Electron, a WebSocket in browser mode (which can drop). */
export function pickBridge(): LatentshopBridge & Partial<Pick<ConnectedBridge, 'onConnection'>> {
  if (window.latentshop) return wrapPreload(window.latentshop);
  return createWsBridge({ url: rpcUrl(takeToken()) });
}
