import { useMemo, useState } from 'react';
import type { Article } from '@/utils/kb/article';
import { LiveKbIndex } from '@/utils/kb/index-sync';
import type { KbIndex } from '@/utils/kb/search';

/**
 * A search index that lives as long as the component and follows `articles` (a live query
 * result): each change upserts or removes only the articles that changed, never rebuilding.
 * `revision` changes whenever the index did (use it as a memo dependency of searches).
 */
export function useKbIndex(articles: readonly Article[] | undefined): { index: KbIndex; revision: number } {
  const [live] = useState(() => new LiveKbIndex<Article>((a) => a.updatedAt));
  const revision = useMemo(() => live.update(articles ?? []), [live, articles]);
  return { index: live.index, revision };
}
