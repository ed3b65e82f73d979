import { z } from 'zod';
import { isoDateSchema } from '../kb/article';
import { readFeedbackFile } from './file-errors';
import { integritySchema } from './export-format';
import { REPLY_STATUSES, replyKeySchema } from './records';

/**
 * What a manager publishes back: statuses and answers keyed by reply key, and the loop figures
 * (how many items were answered, how fast). Two carriers with the same content:
 *
 * - the **replies file** (`seatmate-feedback-replies`, version 1), handed to agents as a file;
 * - the team pack's `replies` section (answers, compatible with packs read by older Seatmates)
 *   plus its optional `replyStatuses` and `feedbackLoop` fields (ignored by older readers).
 *
 * Neither carries an item's text, category or anything about its writer: a reply key and what the
 * manager wrote. Everyone on the team may see the file; only the writer's browser knows which
 * keys are theirs.
 */

export const REPLIES_FORMAT = 'seatmate-feedback-replies';
export const REPLIES_SCHEMA_VERSION = 1;

/** Ids of answers: URL-safe, unique within a file. */
export const answerIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'use 1–64 letters, digits, _ or -');

/** The manager's status for one item, as the agent sees it. */
export const replyStatusEntrySchema = z.strictObject({
  replyKey: replyKeySchema,
  status: z.enum(REPLY_STATUSES),
  /** The day the status was set. */
  day: isoDateSchema,
});
export type ReplyStatusEntry = z.infer<typeof replyStatusEntrySchema>;

/** One written answer. */
export const replyAnswerSchema = z.strictObject({
  id: answerIdSchema,
  replyKey: replyKeySchema,
  body: z.string().trim().min(1).max(10_000),
  day: isoDateSchema,
});
export type ReplyAnswer = z.infer<typeof replyAnswerSchema>;

/**
 * The loop closing, in figures: of `items` received, `answered` have a written answer;
 * `answeredShare` is their share (null with no items); `medianDaysToAnswer` is the median number
 * of days from receiving an item to its first answer (null when none is answered).
 */
export const loopFiguresSchema = z.strictObject({
  items: z.number().int().nonnegative(),
  answered: z.number().int().nonnegative(),
  answeredShare: z.number().min(0).max(1).nullable(),
  medianDaysToAnswer: z.number().nonnegative().max(10_000).nullable(),
});
export type LoopFigures = z.infer<typeof loopFiguresSchema>;

/** The replies file. */
export const repliesFileSchema = z
  .strictObject({
    format: z.literal(REPLIES_FORMAT),
    schemaVersion: z.literal(REPLIES_SCHEMA_VERSION),
    /** The day it was published. */
    publishedOn: isoDateSchema,
    /** Who answers (a team name, e.g. `售后组组长 / Care team leads`), shown to agents. */
    publisher: z.string().trim().max(120).optional(),
    loop: loopFiguresSchema,
    statuses: z.array(replyStatusEntrySchema).max(50_000),
    replies: z.array(replyAnswerSchema).max(50_000),
    integrity: integritySchema,
  })
  .superRefine((doc, ctx) => {
    const keys = new Map<string, number>();
    doc.statuses.forEach((s, i) => {
      const first = keys.get(s.replyKey);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['statuses', i, 'replyKey'],
          message: `listed twice (also statuses[${first}])`,
        });
      } else keys.set(s.replyKey, i);
    });
    const ids = new Map<string, number>();
    doc.replies.forEach((r, i) => {
      const first = ids.get(r.id);
      if (first !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['replies', i, 'id'], message: `duplicate id (also replies[${first}])` });
      } else ids.set(r.id, i);
    });
  });
export type RepliesFile = z.infer<typeof repliesFileSchema>;

/** Reads a replies file (format, version, every field, integrity); throws `FeedbackFileError`. */
export function parseRepliesFile(fileName: string, text: string): Promise<RepliesFile> {
  return readFeedbackFile(fileName, text, {
    format: REPLIES_FORMAT,
    schemaVersion: REPLIES_SCHEMA_VERSION,
    schema: repliesFileSchema,
    checkIntegrity: true,
  });
}

/** The replies file name for a publication day: `seatmate-replies-2026-03-20.json`. */
export function repliesFileName(day: string): string {
  return `seatmate-replies-${day}.json`;
}

/** Published replies, whichever carrier they came in (what the agent's matching reads). */
export interface PublishedReplies {
  statuses: readonly ReplyStatusEntry[];
  replies: readonly ReplyAnswer[];
  loop: LoopFigures | null;
  publishedOn: string | null;
}

/** A replies file as {@link PublishedReplies}. */
export function fromRepliesFile(doc: RepliesFile): PublishedReplies {
  return { statuses: doc.statuses, replies: doc.replies, loop: doc.loop, publishedOn: doc.publishedOn };
}

/** The reply-related fields of a team pack (or an installed pack's record). */
export interface PackReplyFields {
  replies: ReadonlyArray<{ id: string; replyToken: string; body: string; day: string }>;
  replyStatuses?: ReadonlyArray<{ replyToken: string; status: (typeof REPLY_STATUSES)[number]; day: string }> | null;
  feedbackLoop?: LoopFigures | null;
}

/**
 * A team pack's replies as {@link PublishedReplies}. Entries whose token is not a reply key of
 * this format (older packs used other tokens) are skipped: they can match no item.
 */
export function fromPackReplies(pack: PackReplyFields): PublishedReplies {
  const isKey = (k: string) => replyKeySchema.safeParse(k).success;
  return {
    replies: pack.replies
      .filter((r) => isKey(r.replyToken))
      .map((r) => ({ id: r.id, replyKey: r.replyToken, body: r.body, day: r.day })),
    statuses: (pack.replyStatuses ?? [])
      .filter((s) => isKey(s.replyToken))
      .map((s) => ({ replyKey: s.replyToken, status: s.status, day: s.day })),
    loop: pack.feedbackLoop ?? null,
    publishedOn: null,
  };
}
