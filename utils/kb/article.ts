import { z } from 'zod';
import { ARTICLE_KINDS, ARTICLE_SOURCES } from './article-kinds';
import {
  PLACEHOLDER_KEY_MESSAGE,
  PLACEHOLDER_KEY_PATTERN,
  STORED_ARTICLE_ID_MESSAGE,
  STORED_ARTICLE_ID_PATTERN,
} from './article-ids';

/** Languages an article can be written in. */
export const ARTICLE_LANGS = ['zh-CN', 'en'] as const;
export type ArticleLang = (typeof ARTICLE_LANGS)[number];

// Kinds and sources live in their catalogue (zod-free); the schemas built from them are here.
export { ARTICLE_KINDS, type ArticleKind } from './article-kinds';

/** Article ids: short, URL-safe, stable across imports and packs (e.g. `refund-policy-zh`, `KB-0012`). */
export const articleIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'use 1–64 letters, digits, dots, underscores and hyphens');

/** Stored ids: an authored id, or `<packId>/<authored id>` for a team pack's article. */
export const storedArticleIdSchema = z.string().regex(STORED_ARTICLE_ID_PATTERN, STORED_ARTICLE_ID_MESSAGE);

/** The stored id of a pack's article, so two packs (or a pack and the agent) may reuse an id. */
export function packArticleId(packId: string, authoredId: string): string {
  return `${packId}/${authoredId}`;
}

/** The id an author wrote, without the pack prefix a stored pack article carries. */
export function authoredArticleId(a: { id: string; packId?: string }): string {
  return a.packId && a.id.startsWith(`${a.packId}/`) ? a.id.slice(a.packId.length + 1) : a.id;
}

/** True when `YYYY-MM-DD` names a day that exists (no 2026-02-31, no 2025-02-29). */
export function isRealDay(day: string): boolean {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const ISO_DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const isoDateSchema = z
  .string()
  .regex(ISO_DAY, 'use a date like 2026-03-31')
  // Only a well-formed day is checked again, so a malformed one gets one message.
  .refine((d) => !ISO_DAY.test(d) || isRealDay(d), 'there is no such day (check the month’s length)');

/** Placeholder keys as written in text: `{{customerName}}`. */
export const placeholderKeySchema = z.string().regex(PLACEHOLDER_KEY_PATTERN, PLACEHOLDER_KEY_MESSAGE);

/**
 * A value the agent fills before inserting. Text placeholders may omit a declaration: a
 * `{{key}}` in the body with no declaration is asked for as plain text labelled by its key.
 */
export const placeholderSchema = z
  .object({
    key: placeholderKeySchema,
    label: z.string().trim().min(1).max(80),
    type: z.enum(['text', 'choice', 'date']).default('text'),
    /** The choices of a `choice` placeholder, in order. */
    options: z.array(z.string().trim().min(1).max(120)).max(30).default([]),
    /** Pre-filled value. */
    defaultValue: z.string().max(200).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.type === 'choice' && p.options.length < 2) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: 'a choice needs at least two options' });
    }
  });
export type Placeholder = z.infer<typeof placeholderSchema>;

/** One line of a spoken script; `mustSay` marks compliance lines that may not be skipped. */
export const scriptLineSchema = z.object({
  text: z.string().trim().min(1).max(2_000),
  mustSay: z.boolean().default(false),
});
export type ScriptLine = z.infer<typeof scriptLineSchema>;

/** One step of a spoken script (greeting → verification → resolution → closing). */
export const scriptStepSchema = z.object({
  title: z.string().trim().min(1).max(120),
  lines: z.array(scriptLineSchema).min(1).max(50),
});
export type ScriptStep = z.infer<typeof scriptStepSchema>;

const shortText = (max: number) => z.string().trim().min(1).max(max);

/**
 * One version of what goes to the customer (Markdown): the only reply, or one of several (a short
 * one for chat, a full one for e-mail), told apart by `label`.
 */
export const replyVariantSchema = z.object({
  label: z.string().trim().max(40).default(''),
  text: shortText(10_000),
});
export type ReplyVariantInput = z.infer<typeof replyVariantSchema>;

/**
 * A text-expansion trigger typed in a console field: `;` or `/` and 1–24 letters, digits,
 * hanzi, `_` or `-` (`;tk`, `/退款`).
 */
export const triggerSchema = z
  .string()
  .trim()
  .regex(/^[;/][\p{L}\p{N}_-]{1,24}$/u, 'use ; or / then 1–24 letters or digits (e.g. ;tk or /退款)');

const articleFields = z.object({
  id: articleIdSchema,
  lang: z.enum(ARTICLE_LANGS),
  kind: z.enum(ARTICLE_KINDS).default('reply'),
  title: shortText(200),
  /**
   * Markdown, rendered through a sanitiser; never trusted as HTML. For an article with `replies`
   * it is usually empty; an older article without them keeps its whole text here, and an insert
   * sends all of it (see utils/kb/article-reply.ts).
   */
  body: z.string().trim().max(50_000).default(''),
  /** What goes to the customer: one or more variants. Insert, copy and expansion use only these. */
  replies: z.array(replyVariantSchema).max(6).default([]),
  /** What only the agent reads (eligibility, steps, don'ts), Markdown: shown beside, never inserted. */
  notes: z.string().trim().max(20_000).default(''),
  /** Typed in a console field, it expands to the first reply (optional). */
  trigger: triggerSchema.optional(),
  /** One category per article, e.g. `退款` / `Refunds`; empty when none. */
  category: z.string().trim().max(60).default(''),
  tags: z.array(shortText(40)).max(20).default([]),
  /** What customers and agents actually say for this topic (aliases, synonyms, common slips). */
  keywords: z.array(shortText(60)).max(40).default([]),
  steps: z.array(scriptStepSchema).max(20).default([]),
  placeholders: z.array(placeholderSchema).max(20).default([]),
  /** The day this article must be checked again; after it the article shows as stale. */
  reviewBy: isoDateSchema.nullable().default(null),
  /** The day someone last confirmed the article is right. */
  verifiedOn: isoDateSchema.nullable().default(null),
});

/** An article must say something: a reply, or (an older article) a body. */
function hasText(a: { body: string; replies: unknown[] }, ctx: z.RefinementCtx): void {
  if (a.body === '' && a.replies.length === 0)
    ctx.addIssue({ code: 'custom', path: ['replies'], message: 'write a reply (or a body)' });
}

function uniquePlaceholders(a: { placeholders: Placeholder[] }, ctx: z.RefinementCtx): void {
  const keys = new Set<string>();
  a.placeholders.forEach((p, i) => {
    if (keys.has(p.key)) {
      ctx.addIssue({ code: 'custom', path: ['placeholders', i, 'key'], message: `duplicate placeholder ${p.key}` });
    }
    keys.add(p.key);
  });
}

/**
 * An article as written by an author: in an import file, a team pack, the sample KB or the editor.
 * Everything but `id`, `lang`, `title` and a reply (or an older article's `body`) has a default,
 * so old files stay valid.
 */
export const articleInputSchema = articleFields.superRefine((a, ctx) => {
  hasText(a, ctx);
  uniquePlaceholders(a, ctx);
});
export type ArticleInput = z.infer<typeof articleInputSchema>;
/** What an author may leave out (defaults fill it in). */
export type ArticleInputDraft = z.input<typeof articleInputSchema>;

/** A knowledge-base article as stored in the `articles` table. */
export const articleSchema = articleFields
  .extend({
    /** Authored id; for a pack article, `<packId>/<authored id>` (see {@link packArticleId}). */
    id: storedArticleIdSchema,
    source: z.enum(ARTICLE_SOURCES),
    /** Team pack id for `source: 'pack'`. */
    packId: z.string().min(1).max(64).optional(),
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
  })
  .superRefine((a, ctx) => {
    hasText(a, ctx);
    uniquePlaceholders(a, ctx);
    if ((a.source === 'pack') !== (a.packId !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['packId'], message: 'a pack article needs its pack id, and only it' });
    }
  });
export type Article = z.infer<typeof articleSchema>;

/** The author-written part of a stored article (what import, export and packs carry). */
export function articleContent(a: Article): ArticleInput {
  return {
    id: authoredArticleId(a),
    lang: a.lang,
    kind: a.kind,
    title: a.title,
    body: a.body,
    replies: a.replies,
    notes: a.notes,
    ...(a.trigger !== undefined ? { trigger: a.trigger } : {}),
    category: a.category,
    tags: a.tags,
    keywords: a.keywords,
    steps: a.steps,
    placeholders: a.placeholders,
    reviewBy: a.reviewBy,
    verifiedOn: a.verifiedOn,
  };
}

/** True when the article's review-by day has passed on `today` (`YYYY-MM-DD`, the agent's local day). */
export function isStale(a: Pick<ArticleInput, 'reviewBy'>, today: string): boolean {
  return a.reviewBy !== null && a.reviewBy < today;
}

/** The sample knowledge base file shipped with the demo build. */
export const sampleKbSchema = z.object({
  schemaVersion: z.literal(1),
  articles: z.array(articleInputSchema).min(1),
});
export type SampleKb = z.infer<typeof sampleKbSchema>;
