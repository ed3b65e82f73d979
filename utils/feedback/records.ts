import { z } from 'zod';
import { storedArticleIdSchema } from '../kb/article';
import { isoDateSchema } from '../kb/article';
import { FEEDBACK_CATEGORIES, FEEDBACK_SEVERITIES } from './categories';
import { isoWeekSchema } from './week';

/**
 * What the agent's browser keeps about their own feedback (the `feedback` and `replies` tables,
 * and the share ids of optional export sections). Nothing here leaves the browser as it is: an
 * export is built from it by `export.ts`, which carries only the fields listed there.
 */

export { type FeedbackCategory } from './categories';

/** Where an item is in the agent's outbox. Only `ready` items are exported; `exported` is final. */
export const OUTBOX_STATUSES = ['draft', 'ready', 'exported', 'withdrawn'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * What a manager said about an item, as the agent sees it. `closed` is a manager closing an item
 * without (or after) a written answer; the agent is told so rather than left at "received".
 */
export const REPLY_STATUSES = ['received', 'in_progress', 'answered', 'closed'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

/** Random ids (UUID v4 from {@link randomUuid}); never derived from anything. */
export const feedbackIdSchema = z.uuid({ version: 'v4', message: 'not a feedback id' });

/** A per-item secret: 16 random bytes, base64url (22 characters). Never exported. */
export const itemSecretSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'not an item secret');

/**
 * A reply key: base64url of HMAC-SHA-256 under the item's secret (43 characters). Fits the team
 * pack's `replyToken` (16–64 URL-safe characters).
 */
export const replyKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a reply key');

/** A team or sample KB article an item refers to, as it was when the agent linked it. */
export const articleRefSchema = z.object({
  id: storedArticleIdSchema,
  title: z.string().trim().min(1).max(200),
});
export type ArticleRef = z.infer<typeof articleRefSchema>;

/** A name the agent chose to sign with (only then does a name leave the browser). */
export const signatureSchema = z.string().trim().min(1, 'type the name to sign with').max(60);

/** Longest text of one item. */
export const FEEDBACK_TEXT_MAX = 5_000;

/**
 * One item of the agent's outbox. Drafts are saved as the agent types (nothing is lost when the
 * browser closes), so a draft's text may be empty; a `ready` or `exported` item has text, unless
 * it was `restored` from a backup code (which carries the secret, not the words).
 */
export const outboxItemSchema = z
  .object({
    id: feedbackIdSchema,
    category: z.enum(FEEDBACK_CATEGORIES),
    text: z.string().max(FEEDBACK_TEXT_MAX),
    /** A team or sample article; a personal article is never linked (its id could be telling). */
    article: articleRefSchema.nullable(),
    severity: z.enum(FEEDBACK_SEVERITIES).nullable(),
    /** `null` is anonymous, the default; a name only when the agent chose to sign. */
    signedAs: signatureSchema.nullable(),
    /** The item's random secret: the reply key is derived from it, the secret never leaves. */
    secret: itemSecretSchema,
    status: z.enum(OUTBOX_STATUSES),
    /** ISO week the item was written (set when it becomes ready): the only time exported. */
    week: isoWeekSchema,
    /** Local bookkeeping for the agent's own lists (ms since epoch); never exported. */
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
    /** ISO week of the (last) export, shown to the agent. */
    exportedWeek: isoWeekSchema.nullable(),
    /** Rebuilt from a backup code: the secret and category are known, the text is not. */
    restored: z.boolean(),
    /** The latest status a manager published for this item, and the day they did. */
    reply: z.object({ status: z.enum(REPLY_STATUSES), day: isoDateSchema }).nullable(),
  })
  .superRefine((item, ctx) => {
    if ((item.status === 'ready' || item.status === 'exported') && !item.restored && item.text.trim() === '') {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'write something before it can be sent' });
    }
  });
export type OutboxItem = z.infer<typeof outboxItemSchema>;

/** A manager's written answer to one of the agent's own items (only matched answers are stored). */
export const storedReplySchema = z.object({
  /** The manager's id for this answer (unique per answer). */
  id: z.string().min(1).max(64),
  itemId: feedbackIdSchema,
  replyKey: replyKeySchema,
  body: z.string().trim().min(1).max(10_000),
  /** The day the manager wrote it. */
  day: isoDateSchema,
  /** Seen by the agent (the popup badge counts the others). */
  read: z.boolean(),
});
export type StoredReply = z.infer<typeof storedReplySchema>;

/** Optional export sections that are counted per agent and week (see `export.ts`). */
export const SHARE_KINDS = ['mood', 'kbGaps'] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/**
 * The random id under which this browser exports one optional section for one week, so that a
 * re-export of the same week replaces the earlier copy in the inbox instead of counting twice.
 * A new random id per kind and week: two weeks' sections cannot be linked by it.
 */
export const shareIdRecordSchema = z.object({
  /** `<kind> <week>`, e.g. `mood 2026-W09`. */
  key: z.string().regex(/^(mood|kbGaps) \d{4}-W\d{2}$/),
  id: feedbackIdSchema,
});
export type ShareIdRecord = z.infer<typeof shareIdRecordSchema>;

/** The key of a {@link ShareIdRecord}. */
export function shareKey(kind: ShareKind, week: string): string {
  return `${kind} ${week}`;
}

/** The five points of the mood check-in (1 worst … 5 best). */
export const MOOD_LEVELS = [1, 2, 3, 4, 5] as const;
export type MoodLevel = (typeof MOOD_LEVELS)[number];

const count = z.number().int().nonnegative().max(10_000);

/** How many check-ins of each mood (1…5) a week had. */
export const moodCountsSchema = z.strictObject({ 1: count, 2: count, 3: count, 4: count, 5: count });
export type MoodCounts = z.infer<typeof moodCountsSchema>;

/** What the wellbeing feature hands over for export: the agent's mood check-ins, counted per week. */
export const weeklyMoodSchema = z.object({ week: isoWeekSchema, counts: moodCountsSchema });
export type WeeklyMood = z.infer<typeof weeklyMoodSchema>;
