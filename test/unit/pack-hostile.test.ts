import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { checkPackOrigin, decodePackBytes, keepValidator } from '@/utils/kb/pack-guard';
import { importPackFile, subscribePack, syncAllPacks, syncPack, type PackSyncDeps } from '@/utils/kb/pack-sync';
import { parsePackText } from '@/utils/kb/pack-fetch';
import { encodeLegacy, utf8 } from '../support/hostile';

/**
 * Team packs from servers that misbehave or attack: redirects off the subscribed origin, validators
 * too long to store, text in encodings that would install as mojibake, repeated JSON keys, and
 * failures nobody expected. A real HTTP server on 127.0.0.1 (so `fetch` really follows redirects);
 * `localhost` on the same port is another origin.
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let other: Server;
let base: string;
let otherHost: string;
let otherPort: string;

function listen(s: Server): Promise<number> {
  return new Promise((ok) => s.listen(0, '127.0.0.1', () => ok((s.address() as AddressInfo).port)));
}

beforeAll(async () => {
  const handle: Handler = (req, res) => {
    const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (route) route(req, res);
    else res.writeHead(404).end('not found');
  };
  server = createServer(handle);
  other = createServer(handle);
  const port = await listen(server);
  base = `http://127.0.0.1:${port}`;
  otherHost = `http://localhost:${port}`;
  otherPort = `http://127.0.0.1:${await listen(other)}`;
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  await new Promise((ok) => other.close(ok));
});

function pack(over: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    id: 'care',
    name: 'Customer care',
    version: '1',
    articles: [{ id: 'refund', lang: 'zh-CN', title: '退款政策', body: '退款三到五个工作日到账。' }],
    ...over,
  };
}

const json =
  (body: Uint8Array | string, headers: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body);
  };
const redirect =
  (to: string): Handler =>
  (_req, res) =>
    res.writeHead(302, { location: to }).end();

let db: SeatmateDb;
let n = 0;
const deps: PackSyncDeps = { fetch: (i, init) => globalThis.fetch(i, init), now: () => 1_000, timeoutMs: 5_000 };

beforeEach(async () => {
  routes.clear();
  db = new SeatmateDb(`pack-hostile-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('redirects', () => {
  it.each([
    ['another host', () => `${otherHost}/packs/evil.json`],
    ['another port', () => `${otherPort}/packs/evil.json`],
  ])('a first download that redirects to %s is refused and stores nothing', async (_what, target) => {
    routes.set('/packs/care.json', redirect(target()));
    routes.set('/packs/evil.json', json(JSON.stringify(pack({ name: 'Evil' }))));
    const r = await subscribePack(db, `${base}/packs/care.json`, deps);
    expect(r).toMatchObject({ id: null, outcome: 'failed', error: { code: 'redirect' } });
    expect(r.error!.message).toContain(new URL(target()).host);
    expect(await db.packs.count()).toBe(0);
    expect(await db.articles.count()).toBe(0);
  });

  it('a later sync that starts redirecting away is a recorded error and keeps the installed version', async () => {
    routes.set('/packs/care.json', json(JSON.stringify(pack())));
    await subscribePack(db, `${base}/packs/care.json`, deps);
    routes.set('/packs/care.json', redirect(`${otherHost}/packs/evil.json`));
    routes.set('/packs/evil.json', json(JSON.stringify(pack({ version: '2', name: 'Evil' }))));
    const r = await syncPack(db, 'care', deps);
    expect(r.error?.code).toBe('redirect');
    expect(await db.packs.get('care')).toMatchObject({
      version: '1',
      name: 'Customer care',
      lastError: { code: 'redirect' },
    });
    expect(await db.articles.where('packId').equals('care').count()).toBe(1);
  });

  it('a redirect within the same origin is followed', async () => {
    routes.set('/packs/old.json', redirect('/packs/new.json'));
    routes.set('/packs/new.json', json(JSON.stringify(pack())));
    expect(await subscribePack(db, `${base}/packs/old.json`, deps)).toMatchObject({ id: 'care', outcome: 'updated' });
  });

  it('checks the final address: https → http, another host, an unfollowed redirect', () => {
    const asked = 'https://kb.example.com/p.json';
    expect(checkPackOrigin(asked, { url: 'http://kb.example.com/p.json', type: 'basic' })?.code).toBe('redirect');
    expect(checkPackOrigin(asked, { url: 'https://evil.example.com/p.json', type: 'cors' })?.code).toBe('redirect');
    expect(checkPackOrigin(asked, { url: '', type: 'opaqueredirect' })?.code).toBe('redirect');
    expect(checkPackOrigin(asked, { url: 'https://kb.example.com/v2/p.json', type: 'basic' })).toBeNull();
    expect(checkPackOrigin(asked, { url: '', type: 'default' })).toBeNull();
  });
});

describe('validators and failures nobody expected', () => {
  it('a 600-character ETag and a 150-character Last-Modified are dropped, not a ZodError', async () => {
    routes.set(
      '/packs/care.json',
      json(JSON.stringify(pack()), { etag: `"${'e'.repeat(598)}"`, 'last-modified': `Mon, ${'x'.repeat(145)}` }),
    );
    const r = await subscribePack(db, `${base}/packs/care.json`, deps);
    expect(r).toMatchObject({ id: 'care', outcome: 'updated', error: null });
    expect(await db.packs.get('care')).toMatchObject({ etag: null, lastModified: null, version: '1' });
    expect(keepValidator('"ok"', 500)).toBe('"ok"');
    expect(keepValidator('"\u00e9"', 500)).toBeNull();
  });

  it('one pack failing in any way never stops the packs after it (syncAllPacks)', async () => {
    for (const id of ['a-pack', 'b-pack', 'c-pack']) {
      routes.set(`/packs/${id}.json`, json(JSON.stringify(pack({ id, name: id }))));
      await subscribePack(db, `${base}/packs/${id}.json`, deps);
      routes.set(`/packs/${id}.json`, json(JSON.stringify(pack({ id, name: id, version: '2' }))));
    }
    // The first write fails as a full disk would; then recording one failure fails too.
    vi.spyOn(db.articles, 'bulkAdd').mockRejectedValueOnce(
      new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
    );
    const results = await syncAllPacks(db, deps);
    expect(results.map((r) => [r.id, r.outcome, r.error?.code ?? null])).toEqual([
      ['a-pack', 'failed', 'storage'],
      ['b-pack', 'updated', null],
      ['c-pack', 'updated', null],
    ]);
    expect(await db.packs.get('a-pack')).toMatchObject({ version: '1', lastError: { code: 'storage' } });
    expect((await db.packs.get('a-pack'))!.lastError!.message).toMatch(/storage for Seatmate is full/);

    vi.spyOn(db.packs, 'update').mockRejectedValueOnce(new Error('database closed'));
    routes.set('/packs/a-pack.json', (_q, res) => res.writeHead(500).end());
    const again = await syncAllPacks(db, deps);
    // a-pack's failure could not even be recorded; the others are still synced (served in full again).
    expect(again.map((r) => [r.id, r.outcome, r.error?.code ?? null])).toEqual([
      ['a-pack', 'failed', 'storage'],
      ['b-pack', 'updated', null],
      ['c-pack', 'updated', null],
    ]);
  });

  it('subscribe answers with a storage error instead of rejecting', async () => {
    routes.set('/packs/care.json', json(JSON.stringify(pack())));
    vi.spyOn(db.packs, 'put').mockRejectedValueOnce(new TypeError('boom'));
    const r = await subscribePack(db, `${base}/packs/care.json`, deps);
    expect(r).toMatchObject({ outcome: 'failed', error: { code: 'storage', message: /boom/ } });
    expect(await db.articles.count()).toBe(0);
  });
});

describe('one strict decoder for pack downloads and pack files', () => {
  const text = JSON.stringify(pack());
  const cases: [string, Uint8Array, 'ok' | 'encoding'][] = [
    ['UTF-8', utf8(text), 'ok'],
    ['GBK', encodeLegacy(text, 'gbk'), 'ok'],
    ['Shift-JIS', encodeLegacy(JSON.stringify(pack({ name: '返金ポリシー', articles: [] })), 'shift_jis'), 'encoding'],
    ['EUC-KR', encodeLegacy(JSON.stringify(pack({ name: '환불 정책 안내', articles: [] })), 'euc-kr'), 'encoding'],
    ['damaged UTF-8', Uint8Array.from([...utf8(text).subarray(0, 80), 0xff, ...utf8(text).subarray(80)]), 'encoding'],
  ];

  it.each(cases)('%s: the download and the file give the same answer', async (_name, bytes, expected) => {
    routes.set('/packs/care.json', json(bytes));
    const byUrl = await subscribePack(db, `${base}/packs/care.json`, deps);
    const file = decodePackBytes(bytes, 'care.json');
    if (expected === 'ok') {
      expect(byUrl.error).toBeNull();
      expect((await db.articles.get('care/refund'))?.title).toBe('退款政策');
      expect(file.ok && file.text).toBe(text);
    } else {
      expect(byUrl.error?.code).toBe('encoding');
      expect(byUrl.error?.message).toContain(`${base}/packs/care.json`);
      expect(byUrl.error?.message).toMatch(/UTF-8/);
      expect(file).toMatchObject({ ok: false, code: 'encoding', message: /^care\.json: / });
      expect(await db.packs.count()).toBe(0);
    }
  });
});

describe('pack JSON that says two things', () => {
  it('refuses a key written twice, naming it', async () => {
    const twice = '{"schemaVersion":1,"id":"care","name":"A","name":"B","version":"1"}';
    expect(parsePackText(twice, null)).toMatchObject({ ok: false, code: 'json', message: /"name" is written twice/ });
    const nested = JSON.stringify(pack()).replace('"title":"退款政策"', '"title":"退款政策","title":"=HYPERLINK(1)"');
    expect(await importPackFile(db, nested, 1)).toMatchObject({
      outcome: 'failed',
      error: { code: 'json', message: /"title" is written twice in articles\[0\]/ },
    });
    expect(await db.packs.count()).toBe(0);
  });

  it('refuses a day that does not exist', () => {
    const reply = { id: 'r', replyToken: 'abcdefghijklmnop', body: 'Thanks', day: '2026-02-31' };
    expect(parsePackText(JSON.stringify(pack({ replies: [reply] })), null)).toMatchObject({
      ok: false,
      code: 'schema',
      message: /replies\[0\]\.day: there is no such day/,
    });
  });
});
