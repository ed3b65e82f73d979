import { createKbIndex, type KbIndex, type SearchableArticle } from './search';

/** What the index last saw of each article (its `updatedAt`, say). */
export type IndexedVersions = Map<string, unknown>;

/**
 * Brings `index` up to date with `articles` (the current list) by upserting what is new or
 * changed and removing what is gone, updating `versions` in place. A change to one article
 * costs one upsert, never a rebuild. With a `budget`, at most that many upserts are done and
 * `done` is false until a later call finishes the job (a big first build runs in slices).
 */
export function syncIndex<A extends SearchableArticle>(
  index: KbIndex,
  versions: IndexedVersions,
  articles: readonly A[],
  version: (a: A) => unknown,
  budget = Infinity,
): { upserted: number; removed: number; done: boolean } {
  let upserted = 0;
  for (const a of articles) {
    const v = version(a);
    if (versions.has(a.id) && versions.get(a.id) === v) continue;
    if (upserted >= budget) return { upserted, removed: 0, done: false };
    index.upsert(a);
    versions.set(a.id, v);
    upserted++;
  }
  let removed = 0;
  if (versions.size > articles.length) {
    const present = new Set(articles.map((a) => a.id));
    for (const id of [...versions.keys()]) {
      if (!present.has(id)) {
        index.remove(id);
        versions.delete(id);
        removed++;
      }
    }
  }
  return { upserted, removed, done: true };
}

/** An index kept in step with a changing article list (see {@link syncIndex}). */
export class LiveKbIndex<A extends SearchableArticle> {
  readonly index: KbIndex = createKbIndex([]);
  private readonly versions: IndexedVersions = new Map();

  constructor(private readonly version: (a: A) => unknown) {}

  /** Applies up to `budget` changes from the current list; `done` when the index matches it. */
  update(articles: readonly A[], budget = Infinity): { changed: boolean; done: boolean } {
    const r = syncIndex(this.index, this.versions, articles, this.version, budget);
    return { changed: r.upserted + r.removed > 0, done: r.done };
  }

  /** Share of `articles` indexed so far, 0–1. */
  progress(articles: readonly A[]): number {
    return articles.length === 0 ? 1 : Math.min(1, this.versions.size / articles.length);
  }
}
