import type { SeatmateDb } from '../db';
import { articleSchema, sampleKbSchema, type Article } from './article';
import { formatZodIssues } from '../validation';

/**
 * Adds the sample knowledge base to an empty-of-it database: articles whose id is already stored
 * are left alone, so the agent's edits are never overwritten. Validates the whole file first and
 * writes in one transaction, or throws and writes nothing.
 */
export async function seedSampleKb(db: SeatmateDb, raw: unknown, now: number): Promise<{ added: number }> {
  const parsed = sampleKbSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`Sample knowledge base is invalid: ${formatZodIssues(parsed.error)}`);
  }
  const rows: Article[] = parsed.data.articles.map((a) =>
    articleSchema.parse({ ...a, source: 'sample', createdAt: now, updatedAt: now }),
  );
  return db.transaction('rw', db.articles, async () => {
    const existing = new Set(
      await db.articles.bulkGet(rows.map((r) => r.id)).then((found) => found.flatMap((a) => (a ? [a.id] : []))),
    );
    const fresh = rows.filter((r) => !existing.has(r.id));
    await db.articles.bulkAdd(fresh);
    return { added: fresh.length };
  });
}
