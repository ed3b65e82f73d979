import { z } from 'zod';
import { FEEDBACK_CATEGORIES, FEEDBACK_SEVERITIES } from './categories';
import { readFeedbackFile } from './file-errors';
import {
  articleRefSchema,
  feedbackIdSchema,
  FEEDBACK_TEXT_MAX,
  moodCountsSchema,
  replyKeySchema,
  signatureSchema,
} from './records';
import { isoWeekSchema } from './week';

/**
 * The anonymous feedback export, version 1 (documented in docs/feedback-format.md). The JSON file
 * is the source of truth; the CSV is a view of its items. Objects are strict: a file with any
 * field not listed here is refused, so nothing else (an agent id, a time, a browser string) can
 * ride along in a file the inbox accepts.
 */

export const EXPORT_FORMAT = 'seatmate-feedback-export';
export const EXPORT_SCHEMA_VERSION = 1;

const base64Url43 = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'not a SHA-256 digest');

/** The `integrity` field: SHA-256 over the canonical JSON of the rest of the file. */
export const integritySchema = z.strictObject({ algorithm: z.literal('SHA-256'), digest: base64Url43 });

/** One exported item. `signedBy` is present only when the agent chose to sign. */
export const exportItemSchema = z.strictObject({
  id: feedbackIdSchema,
  replyKey: replyKeySchema,
  category: z.enum(FEEDBACK_CATEGORIES),
  text: z.string().trim().min(1).max(FEEDBACK_TEXT_MAX),
  severity: z.enum(FEEDBACK_SEVERITIES).nullable(),
  /** ISO week the item was written; nothing finer. */
  week: isoWeekSchema,
  article: articleRefSchema.nullable(),
  signedBy: signatureSchema.optional(),
});
export type ExportItem = z.infer<typeof exportItemSchema>;

/** One week of one agent's KB gap report (`buildKbGapReport` over that week's misses). */
export const kbGapShareSchema = z.strictObject({
  /** Random, one per agent and week: a re-export of the week replaces the earlier copy. */
  id: feedbackIdSchema,
  week: isoWeekSchema,
  misses: z
    .array(
      z.strictObject({ query: z.string().trim().min(1).max(200), count: z.number().int().positive().max(100_000) }),
    )
    .max(200),
  /** Queries left out because they looked personal or were seen once. */
  withheld: z.number().int().nonnegative().max(100_000),
});
export type KbGapShare = z.infer<typeof kbGapShareSchema>;

/** One week of one agent's mood check-ins, counted per level. */
export const moodShareSchema = z.strictObject({ id: feedbackIdSchema, week: isoWeekSchema, counts: moodCountsSchema });
export type MoodShare = z.infer<typeof moodShareSchema>;

function uniqueIds(list: ReadonlyArray<{ id: string }>, path: string, ctx: z.RefinementCtx): void {
  const seen = new Map<string, number>();
  list.forEach((x, i) => {
    const first = seen.get(x.id);
    if (first !== undefined) {
      ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id (also ${path}[${first}])` });
    } else seen.set(x.id, i);
  });
}

/** The export file. */
export const feedbackExportSchema = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    schemaVersion: z.literal(EXPORT_SCHEMA_VERSION),
    /** ISO week the file was made. */
    week: isoWeekSchema,
    items: z.array(exportItemSchema).max(20_000),
    kbGaps: z.array(kbGapShareSchema).max(1_000),
    mood: z.array(moodShareSchema).max(1_000),
    integrity: integritySchema,
  })
  .superRefine((doc, ctx) => {
    uniqueIds(doc.items, 'items', ctx);
    uniqueIds(doc.kbGaps, 'kbGaps', ctx);
    uniqueIds(doc.mood, 'mood', ctx);
  });
export type FeedbackExport = z.infer<typeof feedbackExportSchema>;

/**
 * Reads an export file: JSON, format, version, every field, then the integrity digest. Throws a
 * `FeedbackFileError` naming the file and the field.
 */
export function parseFeedbackExport(fileName: string, text: string): Promise<FeedbackExport> {
  return readFeedbackFile(fileName, text, {
    format: EXPORT_FORMAT,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    schema: feedbackExportSchema,
    checkIntegrity: true,
  });
}
