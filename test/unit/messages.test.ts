import { describe, expect, it } from 'vitest';
import { makeNonce, parseMessage, parseResponse } from '@/utils/messages';

describe('messages', () => {
  it('accepts valid messages', () => {
    const nonce = makeNonce();
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(parseMessage({ type: 'overlay/hello', nonce })).toEqual({ type: 'overlay/hello', nonce });
    expect(parseMessage({ type: 'overlay/insert', nonce, text: '您好' })).toMatchObject({ text: '您好' });
    expect(parseMessage({ type: 'frame/hotkey', open: true })).toEqual({ type: 'frame/hotkey', open: true });
    const seen = [{ kind: 'eyes' }, { kind: 'breakSoon', ref: 1_000 }];
    expect(parseMessage({ type: 'wellbeing/respond', outcome: 'snoozed', seen })).toEqual({
      type: 'wellbeing/respond',
      outcome: 'snoozed',
      seen,
    });
  });

  it('rejects unknown types, missing fields and bad values', () => {
    expect(parseMessage({ type: 'overlay/steal' })).toBeNull();
    expect(parseMessage({ type: 'frame/hotkey', open: false })).toBeNull();
    expect(parseMessage({ type: 'wellbeing/respond', outcome: 'done', seen: [{ kind: 'nap' }] })).toBeNull();
    expect(
      parseMessage({ type: 'wellbeing/respond', outcome: 'done', seen: Array(100).fill({ kind: 'eyes' }) }),
    ).toBeNull();
    expect(parseMessage({ type: 'overlay/hello' })).toBeNull();
    expect(parseMessage({ type: 'overlay/hello', nonce: 'short' })).toBeNull();
    expect(parseMessage({ type: 'overlay/insert', nonce: makeNonce(), text: '' })).toBeNull();
    expect(parseMessage('overlay/hello')).toBeNull();
    expect(parseMessage(null)).toBeNull();
  });

  it('validates replies', () => {
    expect(parseResponse('console/insert', { ok: false, reason: 'no-field' })).toEqual({
      ok: false,
      reason: 'no-field',
    });
    expect(() => parseResponse('console/insert', { ok: false, reason: 'gremlins' })).toThrow();
    expect(() => parseResponse('sites/sync', { registered: 'x' })).toThrow();
  });

  it('makes a different nonce each time', () => {
    expect(new Set(Array.from({ length: 50 }, makeNonce)).size).toBe(50);
  });
});
