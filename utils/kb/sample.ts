import type { SeatmateDb } from '../db';
import { articleContent, articleSchema, sampleKbSchema, type Article } from './article';
import { formatZodIssues } from '../validation';

/**
 * Adds the sample knowledge base: articles whose id is not stored yet are added; a sample article
 * the agent never edited (still `sample`, never updated since it was added) is replaced by this
 * version of it, so a new edition of the sample reaches them; every other stored article (edited,
 * copied, the agent's own) is left alone. Validates the whole file first and writes in one
 * transaction, or throws and writes nothing.
 */
export async function seedSampleKb(
  db: SeatmateDb,
  raw: unknown,
  now: number,
): Promise<{ added: number; refreshed: number }> {
  const parsed = sampleKbSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Sample knowledge base is invalid: ${formatZodIssues(parsed.error)}`);
  }
  const rows: Article[] = parsed.data.articles.map((a) =>
    articleSchema.parse({ ...a, source: 'sample', createdAt: now, updatedAt: now }),
  );
  return db.transaction('rw', db.articles, async () => {
    const stored = await db.articles.bulkGet(rows.map((r) => r.id));
    const fresh: Article[] = [];
    const refresh: Article[] = [];
    rows.forEach((row, i) => {
      const old = stored[i];
      if (!old) fresh.push(row);
      else if (old.source === 'sample' && old.updatedAt === old.createdAt && !sameContent(old, row)) refresh.push(row);
    });
    await db.articles.bulkAdd(fresh);
    await db.articles.bulkPut(refresh);
    return { added: fresh.length, refreshed: refresh.length };
  });
}

function sameContent(a: Article, b: Article): boolean {
  return JSON.stringify(articleContent(a)) === JSON.stringify(articleContent(b));
}
