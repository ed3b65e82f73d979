import type { SeatmateDb } from '../db';
import { articleContent, articleSchema, packArticleId, type Article } from './article';
import type { TeamPack } from './pack';
import { installedPackSchema, isPendingPack, pendingPackKey, type InstalledPack } from './pack-record';
import { parsePackUrl, type PackErrorCode } from './pack-url';

/**
 * Team pack storage: install a validated pack (its articles replaced in one transaction), remove
 * and restore one (Undo), and keep the policy flags in line with enterprise policy. Plain
 * TypeScript over Dexie; the clock is passed in.
 */

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
