import type { z } from 'zod';
import { articleIdSchema, articleInputSchema, type ArticleInput } from '../article';
import { ARTICLE_KIND_ALIASES } from '../article-kinds';
import type { ItemProblem, ParsedItem } from './types';

/** The article fields every format carries, in the order files list them. */
export const ARTICLE_FIELDS = [
  'id',
  'lang',
  'kind',
  'title',
  'body',
  'replies',
  'notes',
  'trigger',
  'category',
  'tags',
  'keywords',
  'steps',
  'placeholders',
  'reviewBy',
  'verifiedOn',
] as const;
export type ArticleField = (typeof ARTICLE_FIELDS)[number];

const LANG_ALIASES: Record<string, ArticleInput['lang']> = {
  'zh-cn': 'zh-CN',
  zh: 'zh-CN',
  zh_cn: 'zh-CN',
  'zh-hans': 'zh-CN',
  cn: 'zh-CN',
  中文: 'zh-CN',
  简体中文: 'zh-CN',
  en: 'en',
  english: 'en',
  'en-us': 'en',
  'en-gb': 'en',
  英文: 'en',
  英语: 'en',
};

const HAN = /\p{Script=Han}/u;

/** A language value as people write it (`zh`, `中文`, `English`…) → the stored code; unknown values pass through for zod to reject. */
export function normaliseLang(value: string, titleForGuess: string): string {
  const v = value.trim();
  if (!v) return HAN.test(titleForGuess) ? 'zh-CN' : 'en';
  return LANG_ALIASES[v.toLowerCase()] ?? v;
}

/** A kind as people write it (`话术`, `FAQ`…) → the stored value; empty → default; unknown passes through. */
export function normaliseKind(value: string): string | undefined {
  const v = value.trim();
  if (!v) return undefined;
  return ARTICLE_KIND_ALIASES[v.toLowerCase()] ?? v;
}

/**
 * A date cell → `YYYY-MM-DD` or null. Spreadsheets rewrite `2026-03-31` as `2026/3/31`; both are
 * accepted. Anything else passes through for zod to name.
 */
export function normaliseDate(value: string): string | null {
  const v = value.trim();
  if (!v) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v);
  if (!m) return v;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

/**
 * A list cell → strings. Items are separated by `;` or the full-width `；`. A cell that is a JSON
 * array of strings is read as one (export writes that form when an item itself contains `;`).
 */
export function parseListCell(value: string): string[] {
  const v = value.trim();
  if (!v) return [];
  if (v.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(v);
      if (Array.isArray(arr) && arr.every((x) => typeof x === 'string')) return arr;
    } catch {
      // Not JSON: split it like any other cell.
    }
  }
  return v
    .split(/[;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A list → one cell, the inverse of {@link parseListCell}. */
export function formatListCell(items: readonly string[]): string {
  if (items.some((s) => /[;；]/.test(s) || s !== s.trim()) || (items.length === 1 && items[0]!.startsWith('['))) {
    return JSON.stringify(items);
  }
  return items.join('; ');
}

/** 53-bit string hash (two interleaved 32-bit multiplicative hashes), as base-36. */
function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * A stable id for an article that came without one: the same language and title always give the
 * same id, so importing the same file twice updates instead of duplicating.
 */
export function derivedArticleId(lang: string, title: string): string {
  return `kb-${hash53(`${lang}\u0000${title.trim()}`)}`;
}

/** A file name (without folders and `.md`) as an id, when it is a valid one. */
export function idFromFileName(path: string): string | null {
  const base = path
    .split('/')
    .pop()!
    .replace(/\.(md|markdown)$/i, '');
  return articleIdSchema.safeParse(base).success ? base : null;
}

/** A zod issue path as text: `steps[0].lines[1].text`. */
export function issuePath(path: readonly PropertyKey[]): string {
  const text = path.reduce<string>((acc, key) => {
    if (typeof key === 'number') return `${acc}[${key}]`;
    return acc ? `${acc}.${String(key)}` : String(key);
  }, '');
  return text || '(row)';
}

/** Problems from a zod error, one per issue. */
export function zodProblems(error: z.ZodError): ItemProblem[] {
  return error.issues.map((issue) => {
    const limit = 'minimum' in issue ? issue.minimum : 'maximum' in issue ? issue.maximum : undefined;
    const params: Record<string, string> = {};
    if (issue.code === 'invalid_value') params.values = issue.values.map(String).join(', ');
    if (issue.code === 'invalid_type') params.expected = issue.expected;
    return {
      field: issuePath(issue.path),
      code: issue.code,
      message: issue.message,
      ...(typeof limit === 'number' ? { limit } : {}),
      ...(Object.keys(params).length ? { params } : {}),
    };
  });
}

/** Validates a draft article read from a file; `earlier` are problems found while reading it (e.g. bad JSON in a cell). */
export function validateDraft(where: string, draft: Record<string, unknown>, earlier: ItemProblem[] = []): ParsedItem {
  const parsed = articleInputSchema.safeParse(draft);
  if (parsed.success && earlier.length === 0) return { where, article: parsed.data, problems: [] };
  const fromZod = parsed.success ? [] : zodProblems(parsed.error);
  // A field already reported while reading is not reported again by the schema.
  const seen = new Set(earlier.map((p) => p.field));
  return {
    where,
    article: null,
    problems: [...earlier, ...fromZod.filter((p) => !seen.has(p.field.split(/[.[]/)[0]!))],
  };
}
