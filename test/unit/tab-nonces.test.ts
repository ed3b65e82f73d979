import { describe, expect, it, vi } from 'vitest';
import { TabNonces } from '@/entrypoints/background/tab-nonces';

describe('TabNonces (the frames Seatmate made, per tab)', () => {
  it('keeps both nonces when two tabs register at the same moment', async () => {
    const nonces = new TabNonces('session:testNonces');
    await Promise.all([nonces.set(1, 'a'), nonces.set(2, 'b'), nonces.set(3, 'c')]);
    expect(await nonces.matches(1, 'a')).toBe(true);
    expect(await nonces.matches(2, 'b')).toBe(true);
    expect(await nonces.matches(3, 'c')).toBe(true);
  });

  it('finds a nonce checked the moment after it was sent, before its write finished', async () => {
    const nonces = new TabNonces('session:testNonces');
    void nonces.set(7, 'fresh');
    expect(await nonces.matches(7, 'fresh')).toBe(true);
  });

  it('refuses another nonce, another tab, and a tab forgotten', async () => {
    const nonces = new TabNonces('session:testNonces');
    await nonces.set(4, 'mine');
    await nonces.set(4, 'newer');
    expect(await nonces.matches(4, 'mine')).toBe(false);
    expect(await nonces.matches(5, 'newer')).toBe(false);
    await Promise.all([nonces.forget(4), nonces.set(6, 'other')]);
    expect(await nonces.matches(4, 'newer')).toBe(false);
    expect(await nonces.matches(6, 'other')).toBe(true);
    await nonces.forget(99); // not there: nothing changes
    expect(await nonces.matches(6, 'other')).toBe(true);
  });

  it('waits for a registration on its way: told the moment it is stored, not after the wait', async () => {
    const nonces = new TabNonces('session:testNonces');
    vi.useFakeTimers();
    try {
      let answer: boolean | undefined;
      const asked = nonces.arrives(8, 'late', 3_000).then((ok) => (answer = ok));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(answer).toBeUndefined(); // still waiting
      await nonces.set(8, 'late');
      await vi.advanceTimersByTimeAsync(0);
      expect(answer).toBe(true);
      await asked;
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a nonce nobody registers once the wait is up, and another nonce stored meanwhile', async () => {
    const nonces = new TabNonces('session:testNonces');
    vi.useFakeTimers();
    try {
      let answer: boolean | undefined;
      const asked = nonces.arrives(9, 'forged', 3_000).then((ok) => (answer = ok));
      await nonces.set(9, 'real'); // this tab's real frame: not the one asking
      await nonces.set(10, 'forged'); // the same nonce for another tab
      await vi.advanceTimersByTimeAsync(2_999);
      expect(answer).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(answer).toBe(false);
      await asked;
      expect(await nonces.arrives(9, 'real', 3_000)).toBe(true); // stored: no wait
    } finally {
      vi.useRealTimers();
    }
  });
});
