import { createKbIndex, type KbIndex, type SearchableArticle } from './search';

/** What the index last saw of each article: its `updatedAt`, or the object itself. */
export type IndexedVersions = Map<string, unknown>;

/**
 * Brings `index` up to date with `articles` (the current list) by upserting what is new or
 * changed and removing what is gone; returns the versions to pass next time. A change to one
 * article costs one upsert, never a rebuild. `version` defaults to the article object itself
 * (Dexie live queries hand out new objects only for changed rows when `updatedAt` is absent).
 */
export function syncIndex<A extends SearchableArticle>(
  index: KbIndex,
  previous: IndexedVersions,
  articles: readonly A[],
  version: (a: A) => unknown = (a) => a,
): { versions: IndexedVersions; upserted: number; removed: number } {
  const versions: IndexedVersions = new Map();
  let upserted = 0;
  for (const a of articles) {
    const v = version(a);
    versions.set(a.id, v);
    if (!previous.has(a.id) || previous.get(a.id) !== v) {
      index.upsert(a);
      upserted++;
    }
  }
  let removed = 0;
  for (const id of previous.keys()) {
    if (!versions.has(id)) {
      index.remove(id);
      removed++;
    }
  }
  return { versions, upserted, removed };
}

/** An index kept in step with a changing article list (see {@link syncIndex}). */
export class LiveKbIndex<A extends SearchableArticle> {
  readonly index: KbIndex = createKbIndex([]);
  private versions: IndexedVersions = new Map();
  private revision = 0;

  constructor(private readonly version: (a: A) => unknown) {}

  /** Applies the current list; returns a revision number that changes when the index did. */
  update(articles: readonly A[]): number {
    const next = syncIndex(this.index, this.versions, articles, this.version);
    this.versions = next.versions;
    if (next.upserted + next.removed > 0) this.revision++;
    return this.revision;
  }
}
