import { z } from 'zod';

/** Languages an article can be written in. */
export const ARTICLE_LANGS = ['zh-CN', 'en'] as const;
export type ArticleLang = (typeof ARTICLE_LANGS)[number];

/** Where a stored article came from; pack articles are replaced when the pack updates. */
export const ARTICLE_SOURCES = ['sample', 'local', 'pack'] as const;

/** Article ids: short, URL-safe, stable across imports and packs. */
export const articleIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use 1–64 lowercase letters, digits and hyphens');

/** An article as written by an author (sample file, import file or team pack). */
export const articleInputSchema = z.object({
  id: articleIdSchema,
  lang: z.enum(ARTICLE_LANGS),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(50_000),
  tags: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
});
export type ArticleInput = z.infer<typeof articleInputSchema>;

/** A knowledge-base article as stored in the `articles` table. */
export const articleSchema = articleInputSchema.extend({
  source: z.enum(ARTICLE_SOURCES),
  /** Team pack id for `source: 'pack'`. */
  packId: z.string().optional(),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
});
export type Article = z.infer<typeof articleSchema>;

/** The sample knowledge base file shipped with the demo build. */
export const sampleKbSchema = z.object({
  schemaVersion: z.literal(1),
  articles: z.array(articleInputSchema).min(1),
});
export type SampleKb = z.infer<typeof sampleKbSchema>;
