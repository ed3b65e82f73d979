import { describe, expect, it } from 'vitest';
import { parseMessage, parseResponse } from '@/utils/messages';

describe('pack messages', () => {
  it('accepts packs/sync with or without an id, and packs/subscribe with a URL', () => {
    expect(parseMessage({ type: 'packs/sync' })).toEqual({ type: 'packs/sync' });
    expect(parseMessage({ type: 'packs/sync', id: 'care' })).toEqual({ type: 'packs/sync', id: 'care' });
    expect(parseMessage({ type: 'packs/sync', id: '' })).toBeNull();
    expect(parseMessage({ type: 'packs/subscribe', url: 'https://kb.example.com/p.json' })).not.toBeNull();
    expect(parseMessage({ type: 'packs/subscribe' })).toBeNull();
  });

  it('validates replies, including the error code', () => {
    const ok = { id: 'care', url: 'https://kb.example.com/p.json', outcome: 'unchanged', error: null };
    expect(parseResponse('packs/sync', { results: [ok] })).toEqual({ results: [ok] });
    const failed = {
      id: null,
      url: null,
      outcome: 'failed',
      error: { code: 'schema', message: 'articles[0].title: Too small' },
    };
    expect(parseResponse('packs/subscribe', failed)).toEqual(failed);
    expect(() => parseResponse('packs/subscribe', { ...failed, error: { code: 'gremlins', message: '' } })).toThrow();
    expect(() => parseResponse('packs/sync', { results: [{ ...ok, outcome: 'maybe' }] })).toThrow();
  });
});
