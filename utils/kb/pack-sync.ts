import type { SeatmateDb } from '../db';
import { formatZodIssues } from '../validation';
import { articleContent, articleSchema, packArticleId, type Article } from './article';
import { TEAM_PACK_SCHEMA_VERSION, teamPackSchema, type TeamPack } from './pack';
import { installedPackSchema, isPendingPack, pendingPackKey, type InstalledPack } from './pack-record';
import {
  ETAG_MAX,
  LAST_MODIFIED_MAX,
  PACK_ERROR_DETAIL_MAX,
  checkPackOrigin,
  decodePackBytes,
  duplicateKeyIssue,
  keepValidator,
  unexpectedPackIssue,
} from './pack-guard';
import { parsePackUrl, type PackErrorCode } from './pack-url';

/**
 * Team pack sync: download a pack with a conditional request, validate it whole, and replace that
 * pack's articles in one transaction — or keep the previous version and record why not. Plain
 * TypeScript: `fetch` and the clock are passed in, so it runs in Node tests and the service worker.
 */

/** Largest pack file accepted (bytes). */
export const PACK_MAX_BYTES = 25 * 1024 * 1024;
/** How long one download may take before it is abandoned. */
export const PACK_FETCH_TIMEOUT_MS = 30_000;
/** How often the background syncs every subscribed pack. */
export const PACK_SYNC_PERIOD_MINUTES = 60;

/** A problem with a pack, with the code Options translates and a detail naming what was wrong. */
export class PackProblem extends Error {
  constructor(
    readonly code: PackErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PackProblem';
  }
}

/** What one sync, subscription or import did (also the background's message reply). */
export interface PackSyncResult {
  /** The pack's id (or pending key); null when nothing was stored. */
  id: string | null;
  url: string | null;
  outcome: 'updated' | 'unchanged' | 'failed' | 'skipped';
  error: { code: PackErrorCode; message: string } | null;
}

/** What a pack download needs from its surroundings. */
export interface PackFetchDeps {
  fetch: typeof globalThis.fetch;
  timeoutMs?: number;
  maxBytes?: number;
  /**
   * Whether the browser may read this URL across origins (host permission). Asked only after a
   * network error, to tell "grant access" apart from "server unreachable".
   */
  hasPermission?: (url: string) => Promise<boolean>;
}

/** {@link PackFetchDeps} plus the clock, for operations that write. */
export interface PackSyncDeps extends PackFetchDeps {
  now: () => number;
}

/** Request headers that let the server answer 304 when the pack has not changed since the stored version. */
export function conditionalHeaders(
  installed: Pick<InstalledPack, 'etag' | 'lastModified' | 'version'> | null,
): Record<string, string> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (!installed || isPendingPack(installed)) return headers;
  if (installed.etag) headers['if-none-match'] = installed.etag;
  if (installed.lastModified) headers['if-modified-since'] = installed.lastModified;
  return headers;
}

/** What a download came to. */
export type PackFetchOutcome =
  | { kind: 'unchanged' }
  | { kind: 'pack'; pack: TeamPack; etag: string | null; lastModified: string | null }
  | { kind: 'error'; code: PackErrorCode; message: string };

const MB = 1024 * 1024;

function sizeLabel(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}

/** Reads a body up to `maxBytes`, stopping (and cancelling the download) as soon as it is exceeded. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) {
    const buf = new Uint8Array(await res.arrayBuffer());
    return buf.byteLength > maxBytes ? null : buf;
  }
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Parses and validates pack text. `expectedId`, when given, is the id of the pack installed from
 * the same source: a file carrying another id is refused rather than installed beside it. A key
 * written twice in one object is refused too (JSON would silently keep the last).
 */
export function parsePackText(
  text: string,
  expectedId: string | null,
): { ok: true; pack: TeamPack } | { ok: false; code: PackErrorCode; message: string } {
  let raw: unknown;
  const json = text.replace(/^\uFEFF/, '');
  try {
    raw = JSON.parse(json);
  } catch (e) {
    return { ok: false, code: 'json', message: `not valid JSON (${(e as Error).message})` };
  }
  const duplicate = duplicateKeyIssue(json);
  if (duplicate) return { ok: false, ...duplicate };
  const declared = (raw as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof declared === 'number' && declared > TEAM_PACK_SCHEMA_VERSION) {
    return {
      ok: false,
      code: 'schema',
      message: `schemaVersion: ${declared} is newer than this Seatmate reads (${TEAM_PACK_SCHEMA_VERSION}); update Seatmate`,
    };
  }
  const parsed = teamPackSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'schema', message: formatZodIssues(parsed.error) };
  if (expectedId !== null && parsed.data.id !== expectedId) {
    return {
      ok: false,
      code: 'id-mismatch',
      message: `id: the file is pack "${parsed.data.id}", but this address installed pack "${expectedId}"`,
    };
  }
  return { ok: true, pack: parsed.data };
}

/**
 * Interprets a server's answer to a pack request: 304 → unchanged (only when a version is
 * installed), 200 → size cap, text decoding (as files are decoded), JSON, schema and id checks;
 * any other status → an `http` error. `name` (the address) names the download in errors.
 */
export async function interpretPackResponse(
  res: Response,
  installed: Pick<InstalledPack, 'id' | 'version'> | null,
  maxBytes = PACK_MAX_BYTES,
  name = 'the downloaded pack',
): Promise<PackFetchOutcome> {
  const hasVersion = installed !== null && !isPendingPack(installed);
  if (res.status === 304 && hasVersion) return { kind: 'unchanged' };
  if (res.status !== 200) {
    await res.body?.cancel().catch(() => undefined);
    const statusText = res.statusText ? ` ${res.statusText}` : '';
    return { kind: 'error', code: 'http', message: `HTTP ${res.status}${statusText}` };
  }
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    return {
      kind: 'error',
      code: 'too-large',
      message: `${sizeLabel(declared)} is over the ${sizeLabel(maxBytes)} limit`,
    };
  }
  const bytes = await readCapped(res, maxBytes);
  if (!bytes) return { kind: 'error', code: 'too-large', message: `the file is over the ${sizeLabel(maxBytes)} limit` };
  const decoded = decodePackBytes(bytes, name);
  if (!decoded.ok) return { kind: 'error', code: decoded.code, message: decoded.message };
  const parsed = parsePackText(decoded.text, hasVersion ? installed.id : null);
  if (!parsed.ok) return { kind: 'error', code: parsed.code, message: parsed.message };
  return {
    kind: 'pack',
    pack: parsed.pack,
    // Validators only save a download: one too long (or not plain text) is dropped, not stored.
    etag: keepValidator(res.headers.get('etag'), ETAG_MAX),
    lastModified: keepValidator(res.headers.get('last-modified'), LAST_MODIFIED_MAX),
  };
}

/**
 * Downloads a pack with a conditional request and a time limit, and interprets the answer. An
 * answer that comes, after redirects, from another origin than the one subscribed (or not over
 * https) is refused (`redirect`) before its body is read. Never throws: every failure becomes an
 * `error` outcome with a code and a detail.
 */
export async function fetchPack(
  url: string,
  installed: Pick<InstalledPack, 'id' | 'version' | 'etag' | 'lastModified'> | null,
  deps: PackFetchDeps,
): Promise<PackFetchOutcome> {
  const checked = parsePackUrl(url);
  if (!checked.ok) return { kind: 'error', code: 'url', message: checked.message };
  const timeoutMs = deps.timeoutMs ?? PACK_FETCH_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    const res = await deps.fetch(checked.url, {
      headers: conditionalHeaders(installed),
      signal: controller.signal,
      cache: 'no-store',
      redirect: 'follow',
    });
    const moved = checkPackOrigin(checked.url, res);
    if (moved) {
      await res.body?.cancel().catch(() => undefined);
      return { kind: 'error', ...moved };
    }
    return await interpretPackResponse(res, installed, deps.maxBytes ?? PACK_MAX_BYTES, checked.url);
  } catch (e) {
    if (timedOut) return { kind: 'error', code: 'timeout', message: `no complete answer within ${timeoutMs / 1000} s` };
    if (deps.hasPermission && !(await deps.hasPermission(checked.url).catch(() => true))) {
      return { kind: 'error', code: 'permission', message: `Seatmate has no access to ${new URL(checked.url).host}` };
    }
    // Name the host and, when the platform gives one, the cause (`fetch failed` alone says nothing).
    const cause = (e as { cause?: { message?: unknown } }).cause?.message;
    const detail = `${(e as Error).message || 'the server could not be reached'}${typeof cause === 'string' && cause ? ` (${cause})` : ''}`;
    return { kind: 'error', code: 'network', message: `${new URL(checked.url).host}: ${detail}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Where an installed pack came from, and the validators of the download. */
export interface InstallMeta {
  url: string | null;
  policy: boolean;
  etag: string | null;
  lastModified: string | null;
  /** A pending record (see `pendingPackKey`) this install replaces. */
  replaceKey?: string;
}

function sameContent(a: Article, b: Article): boolean {
  return JSON.stringify(articleContent(a)) === JSON.stringify(articleContent(b));
}

/**
 * Stores a validated pack: in one transaction, deletes that pack's articles and adds the new ones
 * (ids `<packId>/<id>`, `source: 'pack'`), keeping `createdAt` of articles that existed (and
 * `updatedAt` of those that did not change), and writes the pack record. Never touches other
 * articles. Throws {@link PackProblem} `id-taken` (writing nothing) when a pack with this id was
 * installed from another source.
 */
export async function installPack(
  db: SeatmateDb,
  pack: TeamPack,
  meta: InstallMeta,
  now: number,
): Promise<InstalledPack> {
  const rows: Article[] = pack.articles.map((a) =>
    articleSchema.parse({
      ...a,
      id: packArticleId(pack.id, a.id),
      source: 'pack',
      packId: pack.id,
      createdAt: now,
      updatedAt: now,
    }),
  );
  return db.transaction('rw', db.articles, db.packs, async () => {
    const prev = await db.packs.get(pack.id);
    if (prev && prev.url !== meta.url) {
      const from = prev.url ?? 'a file';
      throw new PackProblem('id-taken', `id: pack "${pack.id}" is already installed from ${from}; remove it first`);
    }
    const old = await db.articles.where('packId').equals(pack.id).toArray();
    const oldById = new Map(old.map((a) => [a.id, a]));
    for (const row of rows) {
      const before = oldById.get(row.id);
      if (!before) continue;
      row.createdAt = before.createdAt;
      if (sameContent(before, row)) row.updatedAt = before.updatedAt;
    }
    await db.articles.where('packId').equals(pack.id).delete();
    await db.articles.bulkAdd(rows);
    if (meta.replaceKey && meta.replaceKey !== pack.id) await db.packs.delete(meta.replaceKey);
    const record = installedPackSchema.parse({
      id: pack.id,
      name: pack.name,
      version: pack.version,
      publisher: pack.publisher ?? null,
      url: meta.url,
      policy: meta.policy,
      installedAt: prev?.installedAt ?? now,
      etag: meta.etag,
      lastModified: meta.lastModified,
      lastAttemptAt: meta.url ? now : null,
      lastGoodSyncAt: now,
      lastError: null,
      articleCount: rows.length,
      consoleSites: pack.consoleSites,
      wellbeing: pack.wellbeing ?? null,
      feedback: pack.feedback ?? null,
      replies: pack.replies,
      replyStatuses: pack.replyStatuses,
      feedbackLoop: pack.feedbackLoop ?? null,
    });
    await db.packs.put(record);
    return record;
  });
}

async function recordFailure(
  db: SeatmateDb,
  record: InstalledPack,
  code: PackErrorCode,
  message: string,
  now: number,
): Promise<PackSyncResult> {
  const detail = message.slice(0, PACK_ERROR_DETAIL_MAX);
  await db.packs.update(record.id, { lastAttemptAt: now, lastError: { code, message: detail, at: now } });
  return { id: record.id, url: record.url, outcome: 'failed', error: { code, message: detail } };
}

/**
 * Syncs one subscribed pack. 304 → `unchanged` (only `lastAttemptAt` moves, and a previous error
 * is cleared); a valid new file → `updated` (articles replaced atomically); anything else →
 * `failed`, with the previous version and its articles kept and `lastError` recorded — whatever
 * went wrong, including errors nobody expected (`storage`). File-imported packs are `skipped`.
 */
export async function syncPack(db: SeatmateDb, id: string, deps: PackSyncDeps): Promise<PackSyncResult> {
  const record = await db.packs.get(id);
  if (!record?.url) return { id, url: record?.url ?? null, outcome: 'skipped', error: null };
  const pending = isPendingPack(record);
  const outcome = await fetchPack(record.url, record, deps);
  const now = deps.now();
  if (outcome.kind === 'unchanged') {
    await db.packs.update(record.id, { lastAttemptAt: now, lastError: null });
    return { id: record.id, url: record.url, outcome: 'unchanged', error: null };
  }
  if (outcome.kind === 'error') return recordFailure(db, record, outcome.code, outcome.message, now);
  try {
    const installed = await installPack(
      db,
      outcome.pack,
      {
        url: record.url,
        policy: record.policy,
        etag: outcome.etag,
        lastModified: outcome.lastModified,
        replaceKey: pending ? record.id : undefined,
      },
      now,
    );
    return { id: installed.id, url: installed.url, outcome: 'updated', error: null };
  } catch (e) {
    const issue = e instanceof PackProblem ? { code: e.code, message: e.message } : unexpectedPackIssue(e);
    return recordFailure(db, record, issue.code, issue.message, now);
  }
}

/**
 * Syncs every pack that has a URL, one after another. One pack failing in any way — even one that
 * cannot have its failure recorded — never stops the packs after it.
 */
export async function syncAllPacks(db: SeatmateDb, deps: PackSyncDeps): Promise<PackSyncResult[]> {
  const records = (await db.packs.toArray()).filter((p) => p.url !== null);
  const results: PackSyncResult[] = [];
  for (const { id, url } of records) {
    try {
      results.push(await syncPack(db, id, deps));
    } catch (e) {
      results.push({ id, url, outcome: 'failed', error: unexpectedPackIssue(e) });
    }
  }
  return results;
}

/**
 * Subscribes to a pack by URL: downloads and validates it first, and stores it only when it is a
 * valid pack. A URL already subscribed is synced instead. When the download fails nothing is stored
 * and the result says why.
 */
export async function subscribePack(db: SeatmateDb, input: string, deps: PackSyncDeps): Promise<PackSyncResult> {
  const checked = parsePackUrl(input);
  if (!checked.ok) return { id: null, url: null, outcome: 'failed', error: { code: 'url', message: checked.message } };
  const existing = await db.packs.where('url').equals(checked.url).first();
  if (existing) return syncPack(db, existing.id, deps);
  const outcome = await fetchPack(checked.url, null, deps);
  if (outcome.kind === 'error') {
    return { id: null, url: checked.url, outcome: 'failed', error: { code: outcome.code, message: outcome.message } };
  }
  if (outcome.kind === 'unchanged') {
    const error = { code: 'http' as const, message: 'HTTP 304 to a first download' };
    return { id: null, url: checked.url, outcome: 'failed', error };
  }
  try {
    const meta = { url: checked.url, policy: false, etag: outcome.etag, lastModified: outcome.lastModified };
    const installed = await installPack(db, outcome.pack, meta, deps.now());
    return { id: installed.id, url: installed.url, outcome: 'updated', error: null };
  } catch (e) {
    const error = e instanceof PackProblem ? { code: e.code, message: e.message } : unexpectedPackIssue(e);
    return { id: null, url: checked.url, outcome: 'failed', error };
  }
}

/**
 * Installs a pack from a file the agent chose. Validates the whole file first (errors name the
 * field) and stores nothing when it is invalid. A file may update a pack imported from a file
 * before, but not one synced from a URL (the next sync would undo it).
 */
export async function importPackFile(db: SeatmateDb, text: string, now: number): Promise<PackSyncResult> {
  const parsed = parsePackText(text, null);
  if (!parsed.ok)
    return { id: null, url: null, outcome: 'failed', error: { code: parsed.code, message: parsed.message } };
  try {
    const meta = { url: null, policy: false, etag: null, lastModified: null };
    const installed = await installPack(db, parsed.pack, meta, now);
    return { id: installed.id, url: null, outcome: 'updated', error: null };
  } catch (e) {
    const error = e instanceof PackProblem ? { code: e.code, message: e.message } : unexpectedPackIssue(e);
    return { id: null, url: null, outcome: 'failed', error };
  }
}

/** A removed pack with its articles, kept by the UI so Undo can put them back. */
export interface RemovedPack {
  pack: InstalledPack;
  articles: Article[];
}

/**
 * Removes a pack and its articles in one transaction and returns them (for Undo). Policy packs
 * cannot be removed by the agent: throws and removes nothing. Returns null when there is no such pack.
 */
export async function removePack(db: SeatmateDb, id: string): Promise<RemovedPack | null> {
  return db.transaction('rw', db.articles, db.packs, async () => {
    const pack = await db.packs.get(id);
    if (!pack) return null;
    if (pack.policy) throw new Error(`Pack "${pack.name}" is set by your organisation's policy and cannot be removed.`);
    const articles = await db.articles.where('packId').equals(id).toArray();
    await db.articles.where('packId').equals(id).delete();
    await db.packs.delete(id);
    return { pack, articles };
  });
}

/**
 * Puts a removed pack back (Undo). Does nothing and returns false when a pack with that id has
 * been installed again meanwhile.
 */
export async function restorePack(db: SeatmateDb, removed: RemovedPack): Promise<boolean> {
  return db.transaction('rw', db.articles, db.packs, async () => {
    if (await db.packs.get(removed.pack.id)) return false;
    await db.packs.add(removed.pack);
    await db.articles.bulkPut(removed.articles);
    return true;
  });
}

/**
 * Brings the policy flags in line with the pack URLs from enterprise policy: a listed URL with no
 * pack gets a pending record (synced next), a pack whose URL is listed becomes a policy pack, and a
 * policy pack no longer listed becomes an ordinary one (the agent may remove it; a pending one is
 * dropped). Invalid URLs are ignored (settings parsing reports them).
 */
export async function applyPolicyPackUrls(db: SeatmateDb, urls: readonly string[], now: number): Promise<void> {
  const wanted = new Set(
    urls.flatMap((u) => {
      const checked = parsePackUrl(u);
      return checked.ok ? [checked.url] : [];
    }),
  );
  await db.transaction('rw', db.packs, async () => {
    const records = await db.packs.toArray();
    const covered = new Set<string>();
    for (const r of records) {
      const listed = r.url !== null && wanted.has(r.url);
      if (listed) covered.add(r.url!);
      if (listed && !r.policy) await db.packs.update(r.id, { policy: true });
      if (!listed && r.policy) {
        if (isPendingPack(r)) await db.packs.delete(r.id);
        else await db.packs.update(r.id, { policy: false });
      }
    }
    for (const url of wanted) {
      if (covered.has(url)) continue;
      await db.packs.add(
        installedPackSchema.parse({
          id: pendingPackKey(url),
          name: new URL(url).host,
          version: null,
          url,
          policy: true,
          installedAt: now,
        }),
      );
    }
  });
}
