import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { gradientPng, startHarness, type Harness } from '../test/runtime-harness';
import { startBrowserServer, type BrowserServer } from './http-server';
import { createToken } from './security';

describe('browser-mode server', () => {
  let harness: Harness;
  let server: BrowserServer;
  const token = createToken();

  beforeAll(async () => {
    harness = startHarness();
    const staticDir = join(harness.dir, 'renderer');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Latentshop</title>');
    server = await startBrowserServer(harness.runtime, staticDir, token);
  });
  afterAll(async () => {
    await server.close();
    harness.close();
  });

  const base = () => `http://127.0.0.1:${server.port}`;

  it('binds to 127.0.0.1 and refuses requests without the token', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect((await fetch(`${base()}/`)).status).toBe(401);
    expect((await fetch(`${base()}/?token=wrong`)).status).toBe(401);
  });

  it('serves the app with the token, sets a strict cookie and the CSP', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${base()}/index.html`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: server.port, path: `/?token=${token}`, headers: { host: `evil.example:${server.port}` } }, (res) =>
        resolve(res.statusCode ?? 0),
      ).end();
    });
    expect(status).toBe(421);
  });

  function connect(origin: string, query = `?token=${token}`): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc${query}`, { origin });
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }

  it('refuses RPC sockets from another origin or without the token', async () => {
    await expect(connect('https://evil.example')).rejects.toThrow(/401/);
    await expect(connect(base(), '')).rejects.toThrow(/401/);
  });

  it('carries the contract over the socket, validated, with preview images served by token', async () => {
    const ws = await connect(base());
    const call = (id: number, method: string, args: unknown) =>
      new Promise<{ ok: boolean; value?: { id: string; previewUrl: string }; error?: { code: string } }>((resolve) => {
        const onMessage = (data: WebSocket.RawData) => {
          const reply = JSON.parse(data.toString()) as { id?: number };
          if (reply.id !== id) return;
          ws.off('message', onMessage);
          resolve(reply as never);
        };
        ws.on('message', onMessage);
        ws.send(JSON.stringify({ id, method, args }));
      });
    const bad = await call(1, 'startJob', { spec: { op: 'resize', imageId: 'img_x', scale: -1 } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    const opened = await call(2, 'upload', { name: 'g.png', dataBase64: (await gradientPng(32, 16)).toString('base64') });
    expect(opened.ok).toBe(true);
    const image = await fetch(`${base()}/image/${opened.value?.id}.png?token=${token}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${base()}/image/${opened.value?.id}.png`)).status).toBe(401);
    ws.close();
  });
});
