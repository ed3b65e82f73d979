import type { SeatmateDb } from '../../db';
import { articleContent, type Article, type ArticleInput } from '../article';
import { ARTICLE_FIELDS, type ArticleField } from './fields';
import { createTicker, type ItemProblem, type ParseResult, type ProgressFn } from './types';
import type { SkippedEntry } from './zip';

/** A valid article from the file and what importing it would do. */
export interface PreviewEntry {
  where: string;
  article: ArticleInput;
  /** For `changed`: the fields that differ from the stored article. */
  changedFields: ArticleField[];
}

/** One problem with one row/file/array item: where, which field, what is wrong. */
export interface InvalidEntry extends ItemProblem {
  where: string;
}

/** What an import would do, shown before anything is written. */
export interface ImportPreview {
  format: ParseResult['format'];
  encoding: string;
  new: PreviewEntry[];
  changed: PreviewEntry[];
  unchanged: PreviewEntry[];
  /** Every problem, one line each (a row may have several). */
  invalid: InvalidEntry[];
  /** How many rows/files/items are invalid. */
  invalidItems: number;
  ignored: string[];
  /** Zip entries left out (a repeated path, or one that climbs out of the folder), with the reason. */
  skipped: SkippedEntry[];
}

function fieldsThatDiffer(stored: Article, incoming: ArticleInput): ArticleField[] {
  const current = articleContent(stored);
  return ARTICLE_FIELDS.filter((f) => JSON.stringify(current[f]) !== JSON.stringify(incoming[f]));
}

/**
 * Sorts parsed items into new / changed / unchanged / invalid against `stored` (the agent's
 * articles by id). Ids repeated within the file make every occurrence invalid, each naming the
 * others, because which one the author meant cannot be known.
 */
export function classifyImport(parsed: ParseResult, stored: ReadonlyMap<string, Article>): ImportPreview {
  const preview: ImportPreview = {
    format: parsed.format,
    encoding: parsed.encoding,
    new: [],
    changed: [],
    unchanged: [],
    invalid: [],
    invalidItems: 0,
    ignored: parsed.ignored,
    skipped: parsed.skipped ?? [],
  };
  const byId = new Map<string, string[]>();
  for (const item of parsed.items) {
    if (item.article) byId.set(item.article.id, [...(byId.get(item.article.id) ?? []), item.where]);
  }
  for (const item of parsed.items) {
    const a = item.article;
    const problems = [...item.problems];
    if (a) {
      const places = byId.get(a.id)!;
      if (places.length > 1) {
        const others = places.filter((w) => w !== item.where);
        problems.push({
          field: 'id',
          code: 'duplicate-id',
          params: { id: a.id, others: others.join(', ') },
          message: `duplicate id "${a.id}" (also at ${others.join(', ')})`,
        });
      }
    }
    if (problems.length || !a) {
      preview.invalidItems++;
      for (const p of problems) preview.invalid.push({ where: item.where, ...p });
      continue;
    }
    const existing = stored.get(a.id);
    if (!existing) {
      preview.new.push({ where: item.where, article: a, changedFields: [] });
      continue;
    }
    const changedFields = fieldsThatDiffer(existing, a);
    (changedFields.length ? preview.changed : preview.unchanged).push({ where: item.where, article: a, changedFields });
  }
  return preview;
}

/**
 * Reads the stored articles the parsed file mentions and classifies the import (see
 * {@link classifyImport}). Reads only; writes nothing.
 */
export async function previewImport(
  db: SeatmateDb,
  parsed: ParseResult,
  onProgress?: ProgressFn,
): Promise<ImportPreview> {
  const ids = [...new Set(parsed.items.flatMap((i) => (i.article ? [i.article.id] : [])))];
  const stored = new Map<string, Article>();
  const CHUNK = 1_000;
  const tick = createTicker(ids.length, onProgress);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const found = await db.articles.bulkGet(ids.slice(i, i + CHUNK));
    for (const a of found) if (a) stored.set(a.id, a);
    await tick(Math.min(i + CHUNK, ids.length));
  }
  return classifyImport(parsed, stored);
}
