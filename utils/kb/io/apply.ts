import type { SeatmateDb } from '../../db';
import { articleSchema, type Article } from '../article';
import { formatZodIssues } from '../../validation';
import type { ImportPreview } from './preview';
import type { ProgressFn } from './types';

/** What an import wrote. */
export interface ImportOutcome {
  added: number;
  updated: number;
  unchanged: number;
  /** Invalid rows left out (only when `skipInvalid` was asked for). */
  skipped: number;
}

/** Options for {@link applyImport}. */
export interface ApplyOptions {
  /** The clock (ms since epoch) for createdAt / updatedAt. */
  now: number;
  onProgress?: ProgressFn;
  /**
   * Import the valid rows and leave the invalid ones out. Off by default: a file with any invalid
   * row is refused as a whole.
   */
  skipInvalid?: boolean;
}

const CHUNK = 500;

/**
 * Writes a previewed import in one Dexie transaction — all of it or, on any error, nothing.
 * Imported articles become the agent's own (`source: 'local'`); an article that already exists
 * keeps its `createdAt`. Pack articles (stored ids `<pack>/<id>`) are never touched: imported ids
 * cannot contain `/`. Refuses a preview with invalid rows unless `skipInvalid` is set.
 */
export async function applyImport(
  db: SeatmateDb,
  preview: ImportPreview,
  options: ApplyOptions,
): Promise<ImportOutcome> {
  const { now, onProgress, skipInvalid = false } = options;
  if (preview.invalidItems > 0 && !skipInvalid) {
    throw new Error(`Nothing was imported: ${preview.invalidItems} row(s) are invalid. Fix them and import again.`);
  }
  const incoming = [...preview.new, ...preview.changed].map((e) => e.article);
  for (const a of incoming) {
    if (a.id.includes('/')) throw new Error(`Nothing was imported: ${a.id} is a team-pack id.`);
  }
  const total = incoming.length;
  const ids = incoming.map((a) => a.id);
  let added = 0;
  let updated = 0;
  await db.transaction('rw', db.articles, async () => {
    // Re-read inside the transaction: the page may have changed since the preview.
    const existing = await db.articles.bulkGet(ids);
    const rows: Article[] = incoming.map((a, i) => {
      const before = existing[i];
      if (before) updated++;
      else added++;
      const parsed = articleSchema.safeParse({
        ...a,
        source: 'local',
        createdAt: before?.createdAt ?? now,
        updatedAt: now,
      });
      if (!parsed.success) throw new Error(`Nothing was imported: ${a.id}: ${formatZodIssues(parsed.error)}`);
      return parsed.data;
    });
    onProgress?.(0, total);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await db.articles.bulkPut(rows.slice(i, i + CHUNK));
      onProgress?.(Math.min(i + CHUNK, total), total);
    }
  });
  return {
    added,
    updated,
    unchanged: preview.unchanged.length,
    skipped: skipInvalid ? preview.invalidItems : 0,
  };
}
