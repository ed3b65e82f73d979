import { useEffect, useState } from 'react';
import type { Article } from '@/utils/kb/article';
import type { LiveKbIndex } from '@/utils/kb/index-sync';
import type { KbIndex } from '@/utils/kb/search';

/** Articles indexed per slice of work; the page stays responsive between slices. */
const BATCH = 500;
/** A page loaded without focus (the palette preloaded hidden) loads the engine this long after load. */
const WARM_UP_MS = 1_500;

/**
 * One search index for the page's life, kept in step with `articles` (a live query result).
 *
 * The search engine and its pinyin dictionary (the largest part of the page's code, and a long
 * task to evaluate) are loaded only once the page has loaded and has the keyboard — or, for a
 * page loaded without focus (the palette preloaded hidden), a moment after load — so the palette
 * shows its search box and takes focus without waiting for them. Keys typed meanwhile go into
 * the search box; the results follow when the index is built. The first build of a big
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
    let started = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const start = () => {
      if (started) return;
      started = true;
      window.removeEventListener('focus', start);
      clearTimeout(timer);
      // A task later: whatever the focus or load event started (the search box taking focus) first.
      timer = setTimeout(() => {
        void import('@/utils/kb/index-sync').then(({ LiveKbIndex: Live }) => {
          if (on) setLive(new Live<Article>((a) => a.updatedAt));
        });
      }, 0);
    };
    const loaded = () => {
      if (document.hasFocus()) start();
      else if (!started) timer = setTimeout(start, WARM_UP_MS);
    };
    window.addEventListener('focus', start);
    if (document.readyState === 'complete') loaded();
    else window.addEventListener('load', loaded, { once: true });
    return () => {
      on = false;
      clearTimeout(timer);
      window.removeEventListener('focus', start);
      window.removeEventListener('load', loaded);
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
