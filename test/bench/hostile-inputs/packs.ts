import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { decodePackBytes } from '@/utils/kb/pack-guard';
import { importPackFile, subscribePack, syncPack, type PackSyncDeps, type PackSyncResult } from '@/utils/kb/pack-sync';
import { encodeLegacy, utf8 } from '../../support/hostile';
import { markupInjected, snapshot } from './check';
import { SCRIPT, type CaseContext, type CaseResult, type HostileCase } from './types';

const NOW = Date.UTC(2026, 2, 2, 8);

/** A valid pack, with `over` applied. */
export function pack(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    id: 'care',
    name: 'Customer care',
    version: '1',
    articles: [
      { id: 'refund', lang: 'zh-CN', title: '退款政策', body: '退款三到五个工作日到账。{{orderNo}}' },
      { id: 'greet', lang: 'en', title: 'Greeting', body: 'Hello' },
    ],
    consoleSites: [
      {
        pattern: 'https://crm.example.com/*',
        pageRules: [{ selector: '#agent-status', textPattern: '通话中|Talking', state: 'talk' }],
      },
    ],
    ...over,
  };
}

/** Whether a pack error names what was wrong: a field path, a key, a file, an address, a status or a limit. */
function locatedPackError(error: PackSyncResult['error']): boolean {
  if (!error || error.message.length < 3) return false;
  return /[\w\]]+:|"[^"]+"|\.json|https?:\/\/|HTTP \d|\d+ ?(MB|s)\b|line \d|byte \d/.test(error.message);
}

/** Imports a pack file as Options does: the strict decoder, then validate-and-install. */
async function importFile(ctx: CaseContext, name: string, bytes: Uint8Array): Promise<CaseResult> {
  const before = await snapshot(ctx.db);
  const decoded = decodePackBytes(bytes, name);
  const result: PackSyncResult = decoded.ok
    ? await importPackFile(ctx.db, decoded.text, NOW)
    : { id: null, url: null, outcome: 'failed', error: { code: decoded.code, message: decoded.message } };
  return judge(ctx, result, before);
}

async function judge(
  ctx: CaseContext,
  result: PackSyncResult,
  before: Awaited<ReturnType<typeof snapshot>>,
  keepBefore = true,
): Promise<CaseResult> {
  const after = await snapshot(ctx.db);
  if (result.error) {
    // A failed sync may only record the error on the pack: articles stay, the pack keeps its version.
    const beforePacks = JSON.parse(before.packs) as { id: string; version: string | null }[];
    const afterPacks = JSON.parse(after.packs) as { id: string; version: string | null }[];
    const versionsKept =
      JSON.stringify(beforePacks.map((p) => [p.id, p.version])) ===
      JSON.stringify(afterPacks.map((p) => [p.id, p.version]));
    return {
      outcome: 'refused',
      located: locatedPackError(result.error),
      detail: `${result.error.code}: ${result.error.message}`.slice(0, 140),
      partialWrite: (keepBefore && after.articles !== before.articles) || !versionsKept,
    };
  }
  const record = result.id ? await ctx.db.packs.get(result.id) : undefined;
  const articles = record ? await ctx.db.articles.where('packId').equals(record.id).toArray() : [];
  return {
    outcome: 'accepted',
    located: true,
    detail: `${result.outcome}: ${record?.name ?? '?'} v${record?.version ?? '?'}, ${articles.length} articles`,
    partialWrite: !record || articles.length !== record.articleCount,
    markupInjected: markupInjected(articles),
  };
}

const packFile = (name: string, expect: HostileCase['expect'], bytes: () => Uint8Array): HostileCase => ({
  area: 'pack-file',
  name,
  expect,
  run: (ctx) =>
    importFile(
      ctx,
      name
        .replace(/[^a-z0-9]+/gi, '-')
        .toLowerCase()
        .slice(0, 30) + '.json',
      bytes(),
    ),
});
const jsonBytes = (v: unknown) => utf8(JSON.stringify(v));
const site = (pageRules: unknown[]) => [{ pattern: 'https://crm.example.com/*', pageRules }];

/** Team-pack files an agent might be handed. */
export function packFileCases(): HostileCase[] {
  return [
    packFile('a valid pack', 'accepted', () => jsonBytes(pack())),
    packFile('a GBK pack file', 'accepted', () => encodeLegacy(JSON.stringify(pack()), 'gbk')),
    packFile('a Shift-JIS pack file', 'refused', () =>
      encodeLegacy(JSON.stringify(pack({ name: '返金ポリシー', articles: [], consoleSites: [] })), 'shift_jis'),
    ),
    packFile('an EUC-KR pack file', 'refused', () =>
      encodeLegacy(JSON.stringify(pack({ name: '환불 정책 안내', articles: [], consoleSites: [] })), 'euc-kr'),
    ),
    packFile('damaged UTF-8', 'refused', () => {
      const b = jsonBytes(pack());
      return Uint8Array.from([...b.subarray(0, 60), 0xfe, ...b.subarray(60)]);
    }),
    packFile('a key written twice', 'refused', () =>
      utf8(JSON.stringify(pack()).replace('"name":"Customer care"', '"name":"A","name":"B"')),
    ),
    packFile('a page rule with a lookahead', 'refused', () =>
      jsonBytes(pack({ consoleSites: site([{ selector: 'b', textPattern: 'x(?=y)', state: 'talk' }]) })),
    ),
    packFile('a page rule with a backreference', 'refused', () =>
      jsonBytes(pack({ consoleSites: site([{ selector: 'b', textPattern: '(a)\\1', state: 'talk' }]) })),
    ),
    packFile('the page rule that froze the console', 'accepted', () =>
      jsonBytes(pack({ consoleSites: site([{ selector: 'body', textPattern: '^(.|.)+\uFFFF', state: 'talk' }]) })),
    ),
    packFile('a selector with braces', 'refused', () =>
      jsonBytes(pack({ consoleSites: site([{ selector: 'a{color:red}', state: 'talk' }]) })),
    ),
    packFile('schemaVersion 2', 'refused', () => jsonBytes(pack({ schemaVersion: 2 }))),
    packFile('an id with capitals and a slash', 'refused', () => jsonBytes(pack({ id: 'Care/../x' }))),
    packFile('a reply dated 2026-02-31', 'refused', () =>
      jsonBytes(pack({ replies: [{ id: 'r', replyToken: 'abcdefghijklmnop', body: 'x', day: '2026-02-31' }] })),
    ),
    packFile('an http:// feedback destination', 'refused', () =>
      jsonBytes(pack({ feedback: { deliverUrl: 'http://evil.example/collect' } })),
    ),
    packFile('51 console sites (limit 50)', 'refused', () =>
      jsonBytes(
        pack({ consoleSites: Array.from({ length: 51 }, (_, i) => ({ pattern: `https://s${i}.example.com/*` })) }),
      ),
    ),
    packFile('an Excel formula as a title', 'accepted', () =>
      jsonBytes(
        pack({
          articles: [{ id: 'f', lang: 'en', title: '=HYPERLINK("https://evil.example","Refund")', body: '@SUM(1)' }],
        }),
      ),
    ),
    packFile('script in article bodies and placeholders inside attributes', 'accepted', () =>
      jsonBytes(
        pack({
          articles: [
            {
              id: 'x',
              lang: 'en',
              title: 'X',
              body: `<script>${SCRIPT}</script><a href="{{link}}" title="{{t}}">{{link}}</a>`,
            },
          ],
        }),
      ),
    ),
    packFile('not JSON', 'refused', () => utf8('<html>Not found</html>')),
    packFile('two articles with one id', 'refused', () => {
      const [first] = pack().articles as unknown[];
      return jsonBytes(pack({ articles: [first, first] }));
    }),
    packFile('a site pattern that is not a site', 'refused', () =>
      jsonBytes(pack({ consoleSites: [{ pattern: 'javascript:alert(1)' }] })),
    ),
    packFile('__proto__ and constructor at the top', 'accepted', () =>
      utf8(
        JSON.stringify(pack()).replace(
          '"schemaVersion":1',
          '"__proto__":{"polluted":1},"constructor":{"prototype":{"isAdmin":1}},"schemaVersion":1',
        ),
      ),
    ),
    packFile('a 50,001-character body', 'refused', () =>
      jsonBytes(pack({ articles: [{ id: 'l', lang: 'en', title: 'L', body: 'x'.repeat(50_001) }] })),
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// Pack servers

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback pack server (and a second one, another origin) whose answers each case sets. */
export class PackServers {
  readonly routes = new Map<string, Handler>();
  private servers: Server[] = [];
  base = '';
  /** The same server under another host name: another origin. */
  otherHost = '';
  /** Another port: another origin. */
  otherPort = '';

  async start(): Promise<void> {
    const handle: Handler = (req, res) => {
      const route = this.routes.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (route) route(req, res);
      else res.writeHead(404).end('not found');
    };
    const listen = (s: Server) =>
      new Promise<number>((ok) => s.listen(0, '127.0.0.1', () => ok((s.address() as AddressInfo).port)));
    this.servers = [createServer(handle), createServer(handle)];
    const [a, b] = await Promise.all(this.servers.map(listen));
    this.base = `http://127.0.0.1:${a}`;
    this.otherHost = `http://localhost:${a}`;
    this.otherPort = `http://127.0.0.1:${b}`;
  }

  async stop(): Promise<void> {
    for (const s of this.servers) s.closeAllConnections();
    await Promise.all(this.servers.map((s) => new Promise((ok) => s.close(ok))));
  }
}

const json =
  (body: Uint8Array | string, headers: Record<string, string> = {}): Handler =>
  (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body);
const redirect =
  (to: () => string): Handler =>
  (_req, res) =>
    res.writeHead(302, { location: to() }).end();

const deps = (over: Partial<PackSyncDeps> = {}): PackSyncDeps => ({
  fetch: (i, init) => globalThis.fetch(i, init),
  now: () => NOW,
  timeoutMs: 1_500,
  ...over,
});

/**
 * A pack server case: `setup` sets the routes for the first download; with `later`, the pack is
 * subscribed first (it must succeed) and then `later` changes the server before a sync.
 */
function server(
  servers: PackServers,
  name: string,
  expect: HostileCase['expect'],
  setup: (s: PackServers) => void,
  options: { later?: (s: PackServers) => void; deps?: Partial<PackSyncDeps> } = {},
): HostileCase {
  return {
    area: 'pack-server',
    name,
    expect,
    limitMs: 10_000,
    async run(ctx) {
      servers.routes.clear();
      const url = `${servers.base}/packs/care.json`;
      setup(servers);
      if (!options.later) {
        const before = await snapshot(ctx.db);
        return judge(ctx, await subscribePack(ctx.db, url, deps(options.deps)), before, false);
      }
      const first = await subscribePack(ctx.db, url, deps());
      if (first.error) throw new Error(`setup failed: ${first.error.message}`);
      servers.routes.clear();
      options.later(servers);
      const before = await snapshot(ctx.db);
      return judge(ctx, await syncPack(ctx.db, first.id!, deps(options.deps)), before);
    },
  };
}

/** Pack servers that misbehave or attack. */
export function packServerCases(servers: PackServers): HostileCase[] {
  const path = '/packs/care.json';
  const good = (s: PackServers, over: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    s.routes.set(path, json(JSON.stringify(pack(over)), headers));
  return [
    server(servers, 'a plain valid pack', 'accepted', (s) => good(s)),
    server(servers, 'a redirect to another host', 'refused', (s) => {
      s.routes.set(
        path,
        redirect(() => `${s.otherHost}/packs/evil.json`),
      );
      s.routes.set('/packs/evil.json', json(JSON.stringify(pack({ name: 'Evil' }))));
    }),
    server(servers, 'a redirect to another port', 'refused', (s) => {
      s.routes.set(
        path,
        redirect(() => `${s.otherPort}/packs/evil.json`),
      );
      s.routes.set('/packs/evil.json', json(JSON.stringify(pack({ name: 'Evil' }))));
    }),
    server(servers, 'a redirect within the same origin', 'accepted', (s) => {
      s.routes.set(
        path,
        redirect(() => '/packs/v2.json'),
      );
      s.routes.set('/packs/v2.json', json(JSON.stringify(pack())));
    }),
    server(servers, 'a redirect loop', 'refused', (s) =>
      s.routes.set(
        path,
        redirect(() => path),
      ),
    ),
    server(servers, 'a later sync redirected to another host', 'refused', (s) => good(s), {
      later: (s) => {
        s.routes.set(
          path,
          redirect(() => `${s.otherHost}/packs/evil.json`),
        );
        s.routes.set('/packs/evil.json', json(JSON.stringify(pack({ version: '2', name: 'Evil' }))));
      },
    }),
    server(servers, 'a 600-character ETag', 'accepted', (s) => good(s, {}, { etag: `"${'e'.repeat(598)}"` })),
    server(servers, 'a 150-character Last-Modified', 'accepted', (s) =>
      good(s, {}, { 'last-modified': `Mon, ${'x'.repeat(145)}` }),
    ),
    server(servers, 'a later sync with a 600-character ETag', 'accepted', (s) => good(s), {
      later: (s) => good(s, { version: '2' }, { etag: `"${'e'.repeat(598)}"` }),
    }),
    server(servers, 'HTTP 500', 'refused', (s) => s.routes.set(path, (_q, res) => res.writeHead(500).end('oops'))),
    server(servers, 'HTTP 404', 'refused', () => undefined),
    server(servers, 'HTTP 304 to a first download', 'refused', (s) =>
      s.routes.set(path, (_q, res) => res.writeHead(304).end()),
    ),
    server(servers, 'a body that drips slower than the time limit', 'refused', (s) =>
      s.routes.set(path, (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"schemaVersion":1,');
        const timer = setInterval(() => res.write(' '), 200);
        res.on('close', () => clearInterval(timer));
        setTimeout(() => {
          clearInterval(timer);
          res.end();
        }, 5_000);
      }),
    ),
    server(servers, 'a body over the size limit', 'refused', (s) => good(s, { name: 'x'.repeat(2_000) }), {
      deps: { maxBytes: 1_000 },
    }),
    server(servers, 'a Content-Length over the limit', 'refused', (s) =>
      s.routes.set(path, (_q, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(50 * 1024 * 1024) });
        res.end('{}');
      }),
    ),
    server(
      servers,
      'a gzip bomb (2 MB from 2 kB, limit 1 MB)',
      'refused',
      (s) =>
        s.routes.set(path, (_q, res) => {
          res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
          res.end(gzipSync(Buffer.alloc(2 * 1024 * 1024, 0x20)));
        }),
      { deps: { maxBytes: 1024 * 1024 } },
    ),
    server(servers, 'Shift-JIS JSON', 'refused', (s) =>
      s.routes.set(
        path,
        json(encodeLegacy(JSON.stringify(pack({ name: '返金ポリシー', articles: [], consoleSites: [] })), 'shift_jis')),
      ),
    ),
    server(servers, 'GBK JSON', 'accepted', (s) =>
      s.routes.set(path, json(encodeLegacy(JSON.stringify(pack()), 'gbk'))),
    ),
    server(servers, 'an HTML error page with status 200', 'refused', (s) =>
      s.routes.set(path, json('<html>Login</html>')),
    ),
    server(servers, 'a key written twice', 'refused', (s) =>
      s.routes.set(path, json(JSON.stringify(pack()).replace('"version":"1"', '"version":"1","version":"9"'))),
    ),
    server(servers, 'a later sync serving another pack id', 'refused', (s) => good(s), {
      later: (s) => good(s, { id: 'other', version: '2' }),
    }),
    server(servers, 'a later sync with an invalid pack', 'refused', (s) => good(s), {
      later: (s) => good(s, { version: '2', articles: [{ id: 'x', lang: 'xx', title: '', body: '' }] }),
    }),
    server(servers, 'the connection dropped mid-body', 'refused', (s) =>
      s.routes.set(path, (req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
        res.write('{"schemaVersion":1,');
        setTimeout(() => req.socket.destroy(), 50);
      }),
    ),
    server(servers, 'the server closes without answering', 'refused', (s) =>
      s.routes.set(path, (req) => req.socket.destroy()),
    ),
  ];
}
