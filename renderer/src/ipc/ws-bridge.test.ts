import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WireEvent } from '../../../preload/contract';
import { createWsBridge, type SocketLike } from './ws-bridge';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: Event) => void) | null = null;
  onclose: ((ev: CloseEvent) => void) | null = null;
  onmessage: ((ev: MessageEvent) => void) | null = null;
  send(data: string): void {
    this.sent.push(data);
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  drop(): void {
    this.readyState = 3;
    this.onclose?.({} as CloseEvent);
  }
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const bridge = createWsBridge({
    url: 'ws://x/rpc?token=t',
    backoffMs: [10],
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  return { bridge, sockets };
}

afterEach(() => vi.useRealTimers());

describe('createWsBridge', () => {
  it('queues requests until open and resolves replies by id', async () => {
    const { bridge, sockets } = setup();
    const reply = bridge.request({ method: 'info', args: {} });
    expect(sockets[0]?.sent).toEqual([]);
    sockets[0]?.open();
    const sent = JSON.parse(sockets[0]?.sent[0] ?? '{}') as { id: number; method: string };
    expect(sent.method).toBe('info');
    sockets[0]?.receive({ id: sent.id, ok: true, value: { mode: 'browser' } });
    await expect(reply).resolves.toEqual({ mode: 'browser' });
  });

  it('rejects with the typed error from the server', async () => {
    const { bridge, sockets } = setup();
    sockets[0]?.open();
    const reply = bridge.request({ method: 'releaseImage', args: { imageId: 'x' } });
    sockets[0]?.receive({ id: 1, ok: false, error: { code: 'UNKNOWN_IMAGE', message: 'No such image' } });
    await expect(reply).rejects.toMatchObject({ code: 'UNKNOWN_IMAGE', message: 'No such image' });
  });

  it('delivers events to subscribers', () => {
    const { bridge, sockets } = setup();
    const seen: WireEvent[] = [];
    bridge.subscribe((e) => seen.push(e));
    sockets[0]?.open();
    sockets[0]?.receive({ event: 'engineRestarted', payload: { reason: 'crash' } });
    expect(seen).toEqual([{ event: 'engineRestarted', payload: { reason: 'crash' } }]);
  });

  it('rejects in-flight requests on drop, says it is disconnected, then reconnects', async () => {
    vi.useFakeTimers();
    const { bridge, sockets } = setup();
    const states: boolean[] = [];
    bridge.onConnection((c) => states.push(c));
    sockets[0]?.open();
    const reply = bridge.request({ method: 'info', args: {} });
    sockets[0]?.drop();
    await expect(reply).rejects.toMatchObject({ code: 'ENGINE_CRASHED', key: 'connectionLost' });
    vi.advanceTimersByTime(10);
    expect(sockets).toHaveLength(2);
    sockets[1]?.open();
    expect(states).toEqual([true, false, true]);
    bridge.close();
  });

  it('sends a request made while disconnected once it reconnects, and fails it with a reason if it never does', async () => {
    vi.useFakeTimers();
    const { bridge, sockets } = setup();
    sockets[0]?.open();
    sockets[0]?.drop();
    const late = bridge.request({ method: 'info', args: {} });
    vi.advanceTimersByTime(10);
    sockets[1]?.open();
    const sent = JSON.parse(sockets[1]?.sent[0] ?? '{}') as { id: number; method: string };
    expect(sent.method).toBe('info');
    sockets[1]?.receive({ id: sent.id, ok: true, value: 1 });
    await expect(late).resolves.toBe(1);

    sockets[1]?.drop();
    const lost = bridge.request({ method: 'info', args: {} });
    vi.advanceTimersByTime(10_000); // The default wait: every reconnection attempt in it fails.
    await expect(lost).rejects.toMatchObject({ code: 'ENGINE_CRASHED', key: 'noConnection' });
    bridge.close();
  });
});
