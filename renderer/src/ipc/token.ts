const STORAGE_KEY = 'latentshop.token';

/**
 * Reads the per-launch browser-mode token. It arrives once in the address bar; we keep it in
 * sessionStorage (so reloads work) and strip it from the URL so it is not bookmarked or shared.
 */
export function takeToken(): string {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get('token');
  if (fromUrl) {
    sessionStorage.setItem(STORAGE_KEY, fromUrl);
    params.delete('token');
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
    return fromUrl;
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

/** The WebSocket URL of the browser-mode RPC endpoint on the serving host. */
export function rpcUrl(token: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}/rpc?token=${encodeURIComponent(token)}`;
}
