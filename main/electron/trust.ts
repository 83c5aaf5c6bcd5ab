/** The scheme and host the packaged renderer is loaded from. */
export const APP_PROTOCOL = 'latentshop';
export const APP_ORIGIN = `${APP_PROTOCOL}://app`;

/**
 * The IPC sender check: only the app's own top-level page may call the contract. A
 * frame from anywhere else (an injected iframe, a navigated page) is refused.
 */
export function isTrustedSender(frameUrl: string | undefined, isMainFrame: boolean, devServerUrl?: string): boolean {
  if (!frameUrl || !isMainFrame) return false;
  let url: URL;
  try {
    url = new URL(frameUrl);
  } catch {
    return false;
  }
  if (url.origin === APP_ORIGIN || `${url.protocol}//${url.host}` === APP_ORIGIN) return true;
  return devServerUrl !== undefined && url.origin === new URL(devServerUrl).origin;
}

/** Navigation is blocked except within the app itself (e.g. a reload). */
export function isAllowedNavigation(target: string, devServerUrl?: string): boolean {
  return isTrustedSender(target, true, devServerUrl);
}
