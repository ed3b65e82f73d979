import { z } from 'zod';
import { parseSitePattern } from '../console/sites';
import { contextSelectorSchema, pageRuleSchema } from '../console/page-rule';
import { fromValibot } from '../zod-valibot';
import { pageValueFieldsSchema } from '../console/page-values';
import { REPLY_STATUSES } from '../feedback/records';
import { loopFiguresSchema } from '../feedback/replies-format';
import { PACK_INTERVAL_KINDS, wellbeingOverridesSchema } from '../wellbeing/settings';
import { articleInputSchema, isoDateSchema } from './article';

/**
 * The team pack: what a team lead publishes at a URL (or hands over as a file). A versioned JSON
 * document; `schemaVersion` changes only when an old reader would misread a new file.
 * Documented in docs/team-packs.md, with an example (`docs/team-pack.example.json`).
 */
export const TEAM_PACK_SCHEMA_VERSION = 1;

/** Pack ids: a slug chosen by the publisher, stable across versions of the pack. */
export const packIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use 1–64 lowercase letters, digits and hyphens');

/** A console site the team works in, with the rules that read the agent's state from the page. */
export const packConsoleSiteSchema = z.object({
  pattern: z
    .string()
    .trim()
    .refine((p) => parseSitePattern(p).ok, 'not a usable site pattern (e.g. https://crm.example.com/*)'),
  label: z.string().trim().max(80).optional(),
  pageRules: z.array(fromValibot(pageRuleSchema)).max(50).default([]),
  /** An element whose text (e.g. the ticket subject) pre-ranks palette suggestions. */
  contextSelector: fromValibot(contextSelectorSchema).optional(),
  /** Placeholder keys filled from this site's page: `{ key: 'orderNumber', selector: '#order-id' }`. */
  pageValues: pageValueFieldsSchema.default([]),
});
export type PackConsoleSite = z.infer<typeof packConsoleSiteSchema>;

/**
 * Team defaults for wellbeing (utils/wellbeing/settings.ts): any field of the agent's wellbeing
 * settings (prompts on/off and minutes, voice threshold, quiet and shift hours, scheduled breaks…),
 * used where the agent chose nothing. `intervalsMinutes` is the older shorthand for
 * `prompts.<kind>.minutes` of the repeating prompts and stays valid; the allowances are per shift.
 */
export const packWellbeingSchema = wellbeingOverridesSchema.extend({
  intervalsMinutes: z.partialRecord(z.enum(PACK_INTERVAL_KINDS), z.number().int().min(5).max(480)).default({}),
  breakAllowanceMinutes: z.number().int().min(0).max(240).optional(),
  lunchAllowanceMinutes: z.number().int().min(0).max(240).optional(),
});

/** Where the agent's anonymous feedback may be delivered (besides exporting a file). */
export const packFeedbackSchema = z.object({
  /** An https endpoint that accepts the anonymous feedback export by POST. */
  deliverUrl: z
    .string()
    .url()
    .refine((u) => u.startsWith('https://'), 'must be an https:// address')
    .optional(),
  /** Shown to the agent: who reads the feedback. */
  readBy: z.string().trim().max(120).optional(),
});

/**
 * A manager's reply to a piece of anonymous feedback, found by the feedback's reply token (the
 * reply key of the export, utils/feedback/reply-key.ts).
 */
export const packReplySchema = z.object({
  id: z.string().min(1).max(64),
  replyToken: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'not a reply token'),
  body: z.string().trim().min(1).max(10_000),
  day: isoDateSchema,
});

/**
 * The status of a piece of feedback (received, in progress, answered, closed), by reply token.
 * Added after version 1 of the pack; older readers ignore it, so it did not change the version.
 */
export const packReplyStatusSchema = z.object({
  replyToken: packReplySchema.shape.replyToken,
  status: z.enum(REPLY_STATUSES),
  day: isoDateSchema,
});
export type PackReplyStatus = z.infer<typeof packReplyStatusSchema>;

/** A team pack document, validated whole before anything is stored. */
export const teamPackSchema = z
  .object({
    schemaVersion: z.literal(TEAM_PACK_SCHEMA_VERSION),
    id: packIdSchema,
    name: z.string().trim().min(1).max(120),
    /** The publisher's label for this edition, e.g. `2026-11-20` or `14`. */
    version: z.string().trim().min(1).max(40),
    publisher: z.string().trim().max(120).optional(),
    articles: z.array(articleInputSchema).max(20_000).default([]),
    consoleSites: z.array(packConsoleSiteSchema).max(50).default([]),
    wellbeing: packWellbeingSchema.optional(),
    feedback: packFeedbackSchema.optional(),
    replies: z.array(packReplySchema).max(5_000).default([]),
    /** Statuses of feedback items (optional; ignored by older readers). */
    replyStatuses: z.array(packReplyStatusSchema).max(20_000).default([]),
    /** Share of feedback answered and median days to answer (optional; ignored by older readers). */
    feedbackLoop: loopFiguresSchema.optional(),
  })
  .superRefine((pack, ctx) => {
    const seen = new Map<string, number>();
    pack.articles.forEach((a, i) => {
      const first = seen.get(a.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['articles', i, 'id'],
          message: `duplicate id ${a.id} (also articles[${first}])`,
        });
      } else seen.set(a.id, i);
    });
  });
export type TeamPack = z.infer<typeof teamPackSchema>;
