import { useEffect, useState } from 'react';
import type { Article } from '@/utils/kb/article';
import type { LiveKbIndex } from '@/utils/kb/index-sync';
import type { KbIndex } from '@/utils/kb/search';

/** Articles indexed per slice of work; the page stays responsive between slices. */
const BATCH = 500;

/**
 * One search index for the page's life, kept in step with `articles` (a live query result).
 *
 * The search engine and its pinyin dictionary (the largest part of the page's code) are loaded
 * after the page has painted, so a palette shows its search box without waiting for them; the
 * agent can type at once and the results follow when the index is built. The first build of a big
 * KB (17,000 articles take seconds) runs {@link BATCH} articles at a time between frames with
 * `progress` 0–1; later changes (a save, a delete, a pack sync) upsert or remove only the articles
 * whose `updatedAt` changed, never rebuilding. `index` is null until the first build is complete;
 * `version` changes whenever the index did.
 */
export function useKbIndex(articles: readonly Article[] | undefined): {
  index: KbIndex | null;
  version: number;
  progress: number;
} {
  const [live, setLive] = useState<LiveKbIndex<Article> | null>(null);
  const [version, setVersion] = useState(0);
  const [progress, setProgress] = useState(0);
  useEffect(() => {
    let on = true;
    // After the first paint: a task after the frame the page first shows.
    const timer = setTimeout(() => {
      void import('@/utils/kb/index-sync').then(({ LiveKbIndex: Live }) => {
        if (on) setLive(new Live<Article>((a) => a.updatedAt));
      });
    }, 0);
    return () => {
      on = false;
      clearTimeout(timer);
    };
  }, []);
  useEffect(() => {
    if (!articles || !live) return;
    let timer: ReturnType<typeof setTimeout>;
    const step = () => {
      const { changed, done } = live.update(articles, BATCH);
      setProgress(live.progress(articles));
      if (done) {
        if (changed) setVersion((v) => v + 1);
        else setVersion((v) => (v === 0 ? 1 : v));
      } else timer = setTimeout(step, 0);
    };
    // Let the list paint first.
    timer = setTimeout(step, 0);
    return () => clearTimeout(timer);
  }, [articles, live]);
  return { index: version > 0 && live ? live.index : null, version, progress };
}
