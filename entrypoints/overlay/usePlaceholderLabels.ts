import { useCallback, useMemo } from 'react';
import type { Article, Placeholder } from '@/utils/kb/article';
import { articlePlaceholders } from '@/utils/kb/placeholders';

/**
 * `askFor(article)`: the placeholders the agent is asked for before inserting an article (see
 * `articlePlaceholders`), a key the article uses undeclared labelled as another article in its
 * language labels it.
 */
export function usePlaceholderLabels(articles: readonly Article[] | undefined): (a: Article) => Placeholder[] {
  // How articles in each language label a placeholder key, for articles that use it undeclared.
  const labels = useMemo(() => {
    const out = new Map<string, Map<string, string>>();
    for (const a of articles ?? []) {
      const byKey = out.get(a.lang) ?? new Map<string, string>();
      for (const p of a.placeholders) if (!byKey.has(p.key)) byKey.set(p.key, p.label);
      out.set(a.lang, byKey);
    }
    return out;
  }, [articles]);
  return useCallback(
    (a: Article): Placeholder[] => articlePlaceholders(a, (key) => labels.get(a.lang)?.get(key)),
    [labels],
  );
}
