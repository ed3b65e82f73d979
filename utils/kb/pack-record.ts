import { z } from 'zod';
import { loopFiguresSchema } from '../feedback/replies-format';
import {
  packConsoleSiteSchema,
  packFeedbackSchema,
  packReplySchema,
  packReplyStatusSchema,
  packWellbeingSchema,
} from './pack';
import { PACK_ERROR_CODES } from './pack-url';

/** A failed sync or import: what went wrong, in words that name the detail, and when. */
export const packErrorSchema = z.object({
  code: z.enum(PACK_ERROR_CODES),
  message: z.string().max(2_000),
  at: z.number().int().nonnegative(),
});
export type PackError = z.infer<typeof packErrorSchema>;

/**
 * A team pack installed in this browser. Its articles live in `articles` with `source: 'pack'`
 * and `packId`; the rest of the pack (console sites, wellbeing defaults, feedback destination,
 * replies) is kept here for the features that use it.
 *
 * A pack subscribed by enterprise policy whose first download has not succeeded yet is kept as a
 * *pending* record (`version: null`, keyed by {@link pendingPackKey}) so Options can show why.
 */
export const installedPackSchema = z.object({
  /** The pack's id (`teamPack.id`), or {@link pendingPackKey} of its URL while pending. */
  id: z.string().min(1).max(2_200),
  name: z.string().min(1).max(200),
  /** The publisher's version label; null while a policy pack has never been downloaded. */
  version: z.string().min(1).max(40).nullable(),
  publisher: z.string().max(120).nullable().default(null),
  /** The URL it is synced from, or null when it was imported from a file. */
  url: z.string().url().nullable(),
  /** True when the URL comes from enterprise policy: the agent cannot remove the pack. */
  policy: z.boolean().default(false),
  installedAt: z.number().int().nonnegative(),
  /** Validators from the last good download, sent back as If-None-Match / If-Modified-Since. */
  etag: z.string().max(500).nullable().default(null),
  lastModified: z.string().max(100).nullable().default(null),
  /** When Seatmate last asked the server (successfully or not). */
  lastAttemptAt: z.number().int().nonnegative().nullable().default(null),
  /** When a valid pack was last received and stored (download or file import). */
  lastGoodSyncAt: z.number().int().nonnegative().nullable().default(null),
  /** Why the last attempt failed; null when it succeeded. The stored version is kept meanwhile. */
  lastError: packErrorSchema.nullable().default(null),
  articleCount: z.number().int().nonnegative().default(0),
  consoleSites: z.array(packConsoleSiteSchema).default([]),
  wellbeing: packWellbeingSchema.nullable().default(null),
  feedback: packFeedbackSchema.nullable().default(null),
  replies: z.array(packReplySchema).default([]),
  replyStatuses: z.array(packReplyStatusSchema).default([]),
  feedbackLoop: loopFiguresSchema.nullable().default(null),
});
export type InstalledPack = z.infer<typeof installedPackSchema>;

/** The key of a pending (never downloaded) policy pack record: cannot collide with a pack id. */
export function pendingPackKey(url: string): string {
  return `pending:${url}`;
}

/** True for a policy pack that has never been downloaded successfully. */
export function isPendingPack(p: Pick<InstalledPack, 'version'>): boolean {
  return p.version === null;
}
