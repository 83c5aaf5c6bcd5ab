import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../server/security';
import { isAllowedNavigation, isTrustedSender } from './trust';
import { secureWindowOptions } from './window-options';

describe('Electron security baseline', () => {
  it('isolates and sandboxes the renderer with no Node integration', () => {
    const prefs = secureWindowOptions('/app/preload.cjs').webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
    expect(prefs?.preload).toBe('/app/preload.cjs');
  });

  it('has a strict CSP: scripts only from self, no plugins, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });

  it('trusts only the app main frame as an IPC sender', () => {
    expect(isTrustedSender('latentshop://app/index.html', true)).toBe(true);
    expect(isTrustedSender('latentshop://app/index.html', false)).toBe(false);
    expect(isTrustedSender('https://evil.example/', true)).toBe(false);
    expect(isTrustedSender('file:///etc/passwd', true)).toBe(false);
    expect(isTrustedSender(undefined, true)).toBe(false);
    expect(isTrustedSender('not a url', true)).toBe(false);
    expect(isTrustedSender('http://localhost:5173/', true, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender('http://localhost:5174/', true, 'http://localhost:5173')).toBe(false);
  });

  it('blocks navigation away from the app', () => {
    expect(isAllowedNavigation('latentshop://app/index.html')).toBe(true);
    expect(isAllowedNavigation('https://example.com')).toBe(false);
  });
});
