import type { SeatmateDb } from '../db';
import { isPendingPack, type InstalledPack } from './pack-record';
import { PACK_ERROR_DETAIL_MAX, unexpectedPackIssue } from './pack-guard';
import { fetchPack, parsePackText, type PackFetchDeps } from './pack-fetch';
import { PackProblem, installPack } from './pack-install';
import { parsePackUrl, type PackErrorCode } from './pack-url';

/**
 * Team pack sync: download a pack with a conditional request (`pack-fetch.ts`), validate it whole,
 * and replace that pack's articles in one transaction (`pack-install.ts`) — or keep the previous
 * version and record why not. Plain TypeScript: `fetch` and the clock are passed in, so it runs in
 * Node tests and the service worker.
 */

/** How often the background syncs every subscribed pack. */
export const PACK_SYNC_PERIOD_MINUTES = 60;

/** What one sync, subscription or import did (also the background's message reply). */
export interface PackSyncResult {
  /** The pack's id (or pending key); null when nothing was stored. */
  id: string | null;
  url: string | null;
  outcome: 'updated' | 'unchanged' | 'failed' | 'skipped';
  error: { code: PackErrorCode; message: string } | null;
}

/** {@link PackFetchDeps} plus the clock, for operations that write. */
export interface PackSyncDeps extends PackFetchDeps {
  now: () => number;
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
