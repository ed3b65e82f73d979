import { z } from 'zod';
import type { SeatmateDb } from '../db';
import { isoDateSchema } from '../kb/article';
import { installedPackSchema } from '../kb/pack-record';
import { applyPublishedReplies } from './outbox-store';
import { fromPackReplies, loopFiguresSchema, type LoopFigures, type PublishedReplies } from './replies-format';
import type { MatchedReplies } from './replies-match';

/**
 * Where the agent's replies come from: the installed team packs (their `replies`, `replyStatuses`
 * and `feedbackLoop`, stored with each pack) and replies files the agent imports. Matching keeps
 * only the agent's own items' statuses and answers (outbox-store.ts); this file gathers sources.
 */

/** The published replies of every installed pack that carries any (damaged pack rows are skipped). */
export function packReplySources(packs: readonly unknown[]): PublishedReplies[] {
  return packs.flatMap((raw) => {
    const r = installedPackSchema.safeParse(raw);
    if (!r.success) return [];
    const p = r.data;
    if (p.replies.length === 0 && p.replyStatuses.length === 0 && !p.feedbackLoop) return [];
    return [fromPackReplies(p)];
  });
}

/**
 * Matches the packs' replies, plus `extra` sources (an imported replies file), against this
 * browser's items and stores the result (the later status wins, so an older source never turns an
 * item's status back).
 */
export async function applyAllReplies(
  db: SeatmateDb,
  extra: readonly PublishedReplies[] = [],
): Promise<MatchedReplies> {
  const packs = packReplySources(await db.packs.toArray());
  return applyPublishedReplies(db, [...packs, ...extra]);
}

/** The loop figures the agent was last shown, with the day they were published (a replies file). */
export const publishedLoopSchema = z.object({
  loop: loopFiguresSchema,
  /** The day the file was published; null when it came from a pack (which has no such day). */
  publishedOn: isoDateSchema.nullable(),
  publisher: z.string().max(120).nullable(),
});
export type PublishedLoop = z.infer<typeof publishedLoopSchema>;

/**
 * The figures to show: of the replies file's (with its day) and the packs' (no day), the file's
 * when there is one and it is no older than `packsSyncedOn`, else the first pack's.
 */
export function latestLoop(
  file: PublishedLoop | null,
  packs: readonly PublishedReplies[],
  packsSyncedOn: string | null,
): LoopFigures | null {
  const fromPack = packs.find((p) => p.loop)?.loop ?? null;
  if (file && (!fromPack || packsSyncedOn === null || (file.publishedOn ?? '') >= packsSyncedOn)) return file.loop;
  return fromPack;
}
