import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { articleSchema } from '@/utils/kb/article';
import { conditionalHeaders, fetchPack } from '@/utils/kb/pack-fetch';
import { applyPolicyPackUrls, removePack, restorePack } from '@/utils/kb/pack-install';
import { importPackFile, subscribePack, syncAllPacks, syncPack, type PackSyncDeps } from '@/utils/kb/pack-sync';
import { pendingPackKey } from '@/utils/kb/pack-record';
import { parsePackUrl } from '@/utils/kb/pack-url';

const URL_A = 'https://kb.example.com/packs/care.json';
const URL_B = 'https://kb.example.com/packs/billing.json';

function makePack(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'care',
    name: 'Customer care',
    version: '1',
    articles: [
      { id: 'greet', lang: 'en', title: 'Greeting', body: 'Hello, this is StarSea.' },
      { id: 'refund', lang: 'zh-CN', title: '退款', body: '退款三到五个工作日到账。' },
    ],
    consoleSites: [{ pattern: 'https://crm.example.com/*', pageRules: [{ selector: '.call-live', state: 'talk' }] }],
    wellbeing: { intervalsMinutes: { eyes: 20 } },
    feedback: { readBy: 'Team leads' },
    replies: [{ id: 'r1', replyToken: 'abcdefghijklmnop', body: 'Thanks, fixed.', day: '2026-03-02' }],
    ...over,
  };
}

interface Served {
  status: number;
  body?: string;
  headers?: Record<string, string>;
}

/** A fake network: each URL answers what the test sets; every request's headers are kept. */
function fakeNet() {
  const routes = new Map<string, Served | 'network-error' | 'hang'>();
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    requests.push({ url, headers: { ...(init?.headers as Record<string, string>) } });
    const route = routes.get(url);
    if (!route || route === 'network-error') throw new TypeError('Failed to fetch');
    if (route === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    return new Response(route.status === 304 ? null : (route.body ?? ''), {
      status: route.status,
      headers: route.headers,
    });
  }) as typeof globalThis.fetch;
  return { routes, requests, fetch };
}

let db: SeatmateDb;
let n = 0;
let clock = 1_000;
let net: ReturnType<typeof fakeNet>;
let deps: PackSyncDeps;

beforeEach(async () => {
  db = new SeatmateDb(`pack-sync-${++n}`);
  await db.open();
  clock = 1_000;
  net = fakeNet();
  deps = { fetch: net.fetch, now: () => clock, timeoutMs: 200 };
});
afterEach(async () => {
  await db.delete();
});

function serve(url: string, pack: unknown, headers: Record<string, string> = {}) {
  net.routes.set(url, { status: 200, body: JSON.stringify(pack), headers });
}

async function addPersonal() {
  await db.articles.add(
    articleSchema.parse({
      id: 'my-note',
      lang: 'en',
      title: 'My note',
      body: 'Mine.',
      source: 'local',
      createdAt: 5,
      updatedAt: 5,
    }),
  );
}

/** Subscribes to URL_A serving the default pack, with validators. */
async function subscribeA() {
  serve(URL_A, makePack(), { etag: '"v1"', 'last-modified': 'Mon, 02 Mar 2026 08:00:00 GMT' });
  const result = await subscribePack(db, URL_A, deps);
  expect(result).toMatchObject({ id: 'care', outcome: 'updated', error: null });
}

describe('pack URLs', () => {
  it('accepts https and localhost http only', () => {
    expect(parsePackUrl('https://kb.example.com/p.json#x')).toEqual({
      ok: true,
      url: 'https://kb.example.com/p.json',
      originPattern: 'https://kb.example.com/*',
    });
    expect(parsePackUrl('http://localhost:5178/packs/a.json').ok).toBe(true);
    expect(parsePackUrl('http://127.0.0.1:9/a.json').ok).toBe(true);
    expect(parsePackUrl('http://kb.example.com/p.json')).toMatchObject({ ok: false, message: /https/ });
    expect(parsePackUrl('ftp://kb.example.com/p.json').ok).toBe(false);
    expect(parsePackUrl('https://me:pw@kb.example.com/p.json')).toMatchObject({ ok: false, message: /password/ });
    expect(parsePackUrl('kb dot example').ok).toBe(false);
  });
});

describe('subscribe and install', () => {
  it('stores the pack, its articles under <packId>/<id>, and the non-article parts', async () => {
    await addPersonal();
    await subscribeA();
    const record = await db.packs.get('care');
    expect(record).toMatchObject({
      name: 'Customer care',
      version: '1',
      url: URL_A,
      policy: false,
      etag: '"v1"',
      lastModified: 'Mon, 02 Mar 2026 08:00:00 GMT',
      lastGoodSyncAt: 1_000,
      lastAttemptAt: 1_000,
      lastError: null,
      articleCount: 2,
      wellbeing: { intervalsMinutes: { eyes: 20 } },
      feedback: { readBy: 'Team leads' },
    });
    expect(record?.consoleSites[0]?.pageRules[0]).toEqual({ selector: '.call-live', state: 'talk' });
    expect(record?.replies).toHaveLength(1);
    const stored = await db.articles.where('packId').equals('care').toArray();
    expect(stored.map((a) => a.id).sort()).toEqual(['care/greet', 'care/refund']);
    expect(stored.every((a) => a.source === 'pack' && a.createdAt === 1_000)).toBe(true);
    expect(await db.articles.get('my-note')).toMatchObject({ source: 'local', title: 'My note' });
  });

  it('stores nothing when the first download fails', async () => {
    net.routes.set(URL_A, { status: 404 });
    const result = await subscribePack(db, URL_A, deps);
    expect(result).toMatchObject({ id: null, outcome: 'failed', error: { code: 'http', message: /404/ } });
    expect(await db.packs.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
  });

  it('refuses a non-https address without asking the network', async () => {
    const result = await subscribePack(db, 'http://kb.example.com/p.json', deps);
    expect(result.error?.code).toBe('url');
    expect(net.requests).toHaveLength(0);
  });

  it('refuses a second source for an installed pack id', async () => {
    await subscribeA();
    serve(URL_B, makePack({ name: 'Impostor' }));
    const result = await subscribePack(db, URL_B, deps);
    expect(result).toMatchObject({ outcome: 'failed', error: { code: 'id-taken', message: /already installed/ } });
    expect((await db.packs.get('care'))?.name).toBe('Customer care');
    expect(await db.packs.count()).toBe(1);
  });
});

describe('sync', () => {
  it('sends If-None-Match and If-Modified-Since, and on 304 only records the attempt', async () => {
    await subscribeA();
    expect(net.requests[0]!.headers).not.toHaveProperty('if-none-match');
    net.routes.set(URL_A, { status: 304 });
    clock = 5_000;
    const result = await syncPack(db, 'care', deps);
    expect(result).toMatchObject({ outcome: 'unchanged', error: null });
    expect(net.requests[1]!.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Mon, 02 Mar 2026 08:00:00 GMT',
    });
    expect(await db.packs.get('care')).toMatchObject({ lastAttemptAt: 5_000, lastGoodSyncAt: 1_000, version: '1' });
    expect(await db.articles.where('packId').equals('care').count()).toBe(2);
  });

  it('builds no conditional headers without validators or a stored version', () => {
    expect(conditionalHeaders(null)).toEqual({ accept: 'application/json' });
    expect(conditionalHeaders({ etag: '"x"', lastModified: null, version: null })).toEqual({
      accept: 'application/json',
    });
    expect(conditionalHeaders({ etag: null, lastModified: 'Mon, 02 Mar 2026 08:00:00 GMT', version: '3' })).toEqual({
      accept: 'application/json',
      'if-modified-since': 'Mon, 02 Mar 2026 08:00:00 GMT',
    });
  });

  it('on 200 replaces the pack’s articles atomically; personal articles and other packs are untouched', async () => {
    await addPersonal();
    await subscribeA();
    serve(
      URL_B,
      makePack({
        id: 'billing',
        name: 'Billing',
        articles: [{ id: 'greet', lang: 'en', title: 'Billing hello', body: 'Hi.' }],
      }),
    );
    await subscribePack(db, URL_B, deps);
    const greetBefore = await db.articles.get('care/greet');

    clock = 9_000;
    serve(
      URL_A,
      makePack({
        version: '2',
        articles: [
          { id: 'greet', lang: 'en', title: 'Greeting', body: 'Hello, this is StarSea.' },
          { id: 'hold', lang: 'en', title: 'Hold', body: 'May I place you on hold?' },
        ],
      }),
      { etag: '"v2"' },
    );
    const result = await syncPack(db, 'care', deps);
    expect(result).toMatchObject({ outcome: 'updated' });
    const care = await db.articles.where('packId').equals('care').toArray();
    expect(care.map((a) => a.id).sort()).toEqual(['care/greet', 'care/hold']);
    // An unchanged article keeps its dates; a new one gets the sync time.
    expect(await db.articles.get('care/greet')).toEqual(greetBefore);
    expect(await db.articles.get('care/hold')).toMatchObject({ createdAt: 9_000, updatedAt: 9_000 });
    expect(await db.articles.get('care/refund')).toBeUndefined();
    expect(await db.packs.get('care')).toMatchObject({
      version: '2',
      etag: '"v2"',
      lastModified: null,
      articleCount: 2,
    });
    expect(await db.articles.get('billing/greet')).toMatchObject({ title: 'Billing hello' });
    expect(await db.articles.get('my-note')).toMatchObject({ title: 'My note' });
  });

  it('keeps createdAt but moves updatedAt for an article that changed', async () => {
    await subscribeA();
    clock = 7_000;
    const pack = makePack();
    (pack.articles as { body: string }[])[0]!.body = 'Hello again.';
    serve(URL_A, pack);
    await syncPack(db, 'care', deps);
    expect(await db.articles.get('care/greet')).toMatchObject({
      body: 'Hello again.',
      createdAt: 1_000,
      updatedAt: 7_000,
    });
  });

  const failures: [string, () => void, string, RegExp][] = [
    ['404', () => net.routes.set(URL_A, { status: 404, body: 'gone' }), 'http', /HTTP 404/],
    ['500', () => net.routes.set(URL_A, { status: 500 }), 'http', /HTTP 500/],
    ['a network error', () => net.routes.set(URL_A, 'network-error'), 'network', /Failed to fetch/],
    ['a timeout', () => net.routes.set(URL_A, 'hang'), 'timeout', /0\.2 s/],
    ['invalid JSON', () => net.routes.set(URL_A, { status: 200, body: '{"schemaVersion": 1,' }), 'json', /JSON/],
    [
      'a schema error',
      () => serve(URL_A, makePack({ articles: [{ id: 'x', lang: 'en', title: '', body: 'b' }] })),
      'schema',
      /articles\[0\]\.title/,
    ],
    [
      'a newer schemaVersion',
      () => serve(URL_A, makePack({ schemaVersion: 2 })),
      'schema',
      /schemaVersion.*update Seatmate/,
    ],
    [
      'an oversized file (declared)',
      () => net.routes.set(URL_A, { status: 200, body: 'x', headers: { 'content-length': String(30 * 1024 * 1024) } }),
      'too-large',
      /25 MB/,
    ],
    [
      'an oversized file (streamed)',
      () => net.routes.set(URL_A, { status: 200, body: ' '.repeat(2_000) }),
      'too-large',
      /limit/,
    ],
    ['another pack id', () => serve(URL_A, makePack({ id: 'other' })), 'id-mismatch', /"other".*"care"/],
  ];

  for (const [what, arrange, code, message] of failures) {
    it(`keeps the previous version and records the error on ${what}`, async () => {
      await addPersonal();
      await subscribeA();
      const before = await db.articles.orderBy('id').toArray();
      arrange();
      clock = 60_000;
      const small = what.includes('streamed') ? { ...deps, maxBytes: 1_000 } : deps;
      const result = await syncPack(db, 'care', small);
      expect(result).toMatchObject({ id: 'care', outcome: 'failed', error: { code } });
      expect(result.error?.message).toMatch(message);
      expect(await db.articles.orderBy('id').toArray()).toEqual(before);
      expect(await db.packs.get('care')).toMatchObject({
        version: '1',
        etag: '"v1"',
        lastGoodSyncAt: 1_000,
        lastAttemptAt: 60_000,
        lastError: { code, at: 60_000 },
      });
    });
  }

  it('says "no access" when the network fails and the host permission is missing', async () => {
    net.routes.set(URL_A, 'network-error');
    const outcome = await fetchPack(URL_A, null, { fetch: net.fetch, hasPermission: async () => false });
    expect(outcome).toMatchObject({ kind: 'error', code: 'permission', message: /kb\.example\.com/ });
  });

  it('clears the error when a later sync succeeds', async () => {
    await subscribeA();
    net.routes.set(URL_A, { status: 500 });
    await syncPack(db, 'care', deps);
    net.routes.set(URL_A, { status: 304 });
    await syncPack(db, 'care', deps);
    expect((await db.packs.get('care'))?.lastError).toBeNull();
  });

  it('skips file packs and syncs every URL pack', async () => {
    await subscribeA();
    expect(await importPackFile(db, JSON.stringify(makePack({ id: 'local-pack' })), 2_000)).toMatchObject({
      outcome: 'updated',
    });
    net.routes.set(URL_A, { status: 304 });
    const results = await syncAllPacks(db, deps);
    expect(results).toEqual([{ id: 'care', url: URL_A, outcome: 'unchanged', error: null }]);
    expect(await syncPack(db, 'local-pack', deps)).toMatchObject({ outcome: 'skipped' });
  });
});

describe('file import', () => {
  it('installs a valid file with no URL', async () => {
    const result = await importPackFile(db, JSON.stringify(makePack()), 3_000);
    expect(result).toMatchObject({ id: 'care', url: null, outcome: 'updated' });
    expect(await db.packs.get('care')).toMatchObject({ url: null, lastGoodSyncAt: 3_000, lastAttemptAt: null });
    expect(await db.articles.where('packId').equals('care').count()).toBe(2);
  });

  it('names the bad field and stores nothing', async () => {
    const pack = makePack();
    (pack.articles as unknown[]).push({ id: 'greet', lang: 'en', title: 'Dup', body: 'x' });
    const result = await importPackFile(db, JSON.stringify(pack), 3_000);
    expect(result.error).toMatchObject({ code: 'schema', message: /articles\[2\]\.id: duplicate id greet/ });
    expect(await importPackFile(db, 'not json', 3_000)).toMatchObject({ error: { code: 'json' } });
    const badRule = makePack({
      consoleSites: [{ pattern: 'https://crm.example.com/*', pageRules: [{ selector: 'a{', state: 'talk' }] }],
    });
    expect((await importPackFile(db, JSON.stringify(badRule), 3_000)).error?.message).toMatch(
      /consoleSites\[0\]\.pageRules\[0\]\.selector/,
    );
    expect(await db.packs.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
  });

  it('may update a file pack but not a pack synced from a URL', async () => {
    await importPackFile(db, JSON.stringify(makePack({ id: 'from-file' })), 3_000);
    expect(await importPackFile(db, JSON.stringify(makePack({ id: 'from-file', version: '2' })), 4_000)).toMatchObject({
      outcome: 'updated',
    });
    expect(await db.packs.get('from-file')).toMatchObject({ version: '2', installedAt: 3_000 });
    await subscribeA();
    expect(await importPackFile(db, JSON.stringify(makePack({ version: '9' })), 5_000)).toMatchObject({
      outcome: 'failed',
      error: { code: 'id-taken' },
    });
    expect((await db.packs.get('care'))?.version).toBe('1');
  });
});

describe('remove and undo', () => {
  it('removes a pack with its articles only, and Undo puts them back', async () => {
    await addPersonal();
    await subscribeA();
    const before = await db.articles.orderBy('id').toArray();
    const removed = await removePack(db, 'care');
    expect(removed?.articles).toHaveLength(2);
    expect(await db.packs.count()).toBe(0);
    expect((await db.articles.toArray()).map((a) => a.id)).toEqual(['my-note']);
    expect(await restorePack(db, removed!)).toBe(true);
    expect(await db.articles.orderBy('id').toArray()).toEqual(before);
    expect(await db.packs.get('care')).toEqual(removed!.pack);
  });

  it('does not restore over a pack installed again meanwhile', async () => {
    await subscribeA();
    const removed = await removePack(db, 'care');
    await subscribeA();
    expect(await restorePack(db, removed!)).toBe(false);
  });

  it('refuses to remove a policy pack', async () => {
    await subscribeA();
    await applyPolicyPackUrls(db, [URL_A], 2_000);
    await expect(removePack(db, 'care')).rejects.toThrow(/policy/);
    expect(await db.articles.where('packId').equals('care').count()).toBe(2);
  });
});

describe('policy packs', () => {
  it('creates a pending record, installs it on first sync, and keeps the error while it fails', async () => {
    await applyPolicyPackUrls(db, [URL_A, 'http://insecure.example.com/p.json'], 2_000);
    const pending = await db.packs.get(pendingPackKey(URL_A));
    expect(pending).toMatchObject({ version: null, policy: true, name: 'kb.example.com' });
    expect(await db.packs.count()).toBe(1);

    net.routes.set(URL_A, { status: 503 });
    await syncAllPacks(db, deps);
    expect((await db.packs.get(pendingPackKey(URL_A)))?.lastError).toMatchObject({ code: 'http' });
    expect(net.requests[0]!.headers).not.toHaveProperty('if-none-match');

    serve(URL_A, makePack());
    await syncAllPacks(db, deps);
    expect(await db.packs.get(pendingPackKey(URL_A))).toBeUndefined();
    expect(await db.packs.get('care')).toMatchObject({ policy: true, url: URL_A, version: '1' });
  });

  it('turns a subscribed pack into a policy pack and back; drops a pending one no longer listed', async () => {
    await subscribeA();
    await applyPolicyPackUrls(db, [URL_A, URL_B], 2_000);
    expect((await db.packs.get('care'))?.policy).toBe(true);
    expect(await db.packs.get(pendingPackKey(URL_B))).toBeDefined();
    await applyPolicyPackUrls(db, [], 3_000);
    expect((await db.packs.get('care'))?.policy).toBe(false);
    expect(await db.packs.get(pendingPackKey(URL_B))).toBeUndefined();
  });
});
