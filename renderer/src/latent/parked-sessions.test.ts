import { describe, expect, it } from 'vitest';
import type { LatentSessionResult } from '../../../preload/contract';
import { ParkedSessions } from './parked-sessions';

const parked = (sessionId: string) => ({
  session: { kind: 'latent', sessionId } as LatentSessionResult,
  values: { sleeves: 1.5 },
  region: null,
});

describe('ParkedSessions', () => {
  it('gives a parked session back once, with its sliders', () => {
    const sessions = new ParkedSessions();
    expect(sessions.park('img1', parked('s1'))).toEqual([]);
    expect(sessions.take('img1')).toMatchObject({ session: { sessionId: 's1' }, values: { sleeves: 1.5 } });
    expect(sessions.take('img1')).toBeUndefined();
  });

  it('replaces a session parked for the same image, and closes the old one', () => {
    const sessions = new ParkedSessions();
    sessions.park('img1', parked('s1'));
    expect(sessions.park('img1', parked('s2'))).toEqual(['s1']);
    expect(sessions.take('img1')?.session.sessionId).toBe('s2');
  });

  it('closes the oldest beyond its capacity, and those whose image left the history', () => {
    const sessions = new ParkedSessions(2);
    sessions.park('a', parked('sa'));
    sessions.park('b', parked('sb'));
    expect(sessions.park('c', parked('sc'))).toEqual(['sa']);
    expect(sessions.prune(new Set(['c', 'x']))).toEqual(['sb']);
    expect(sessions.clear()).toEqual(['sc']);
  });
});
