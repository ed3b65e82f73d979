import { useEffect, useState } from 'react';
import { useLatest } from '@/components/useLatest';
import type { Article, Placeholder } from '@/utils/kb/article';
import { sendToBackground } from '@/utils/messaging';

/** The form waits at most this long for the page's values before it opens without them. */
const WAIT_MS = 800;

/**
 * Placeholders filled from the page: each time the placeholder form is wanted (`request`, the
 * palette's form mode, not null; a new object for each opening), asks the background for the
 * values the console site maps to the article's keys, read from the tab's page as it is now.
 * Returns null while waiting (at most {@link WAIT_MS}), then the values found (maybe none). The
 * values live only in this state: never stored, never logged.
 */
export function usePageValues(
  nonce: string,
  request: { article: Article } | null,
  askFor: (article: Article) => Placeholder[],
): Record<string, string> | null {
  const [result, setResult] = useState<{ request: object; values: Record<string, string> } | null>(null);
  const askRef = useLatest(askFor);

  useEffect(() => {
    if (request === null) return;
    const keys = askRef.current(request.article).map((p) => p.key);
    let done = false;
    const finish = (values: Record<string, string>) => {
      if (done) return;
      done = true;
      setResult({ request, values });
    };
    const timer = setTimeout(() => finish({}), WAIT_MS);
    void sendToBackground({ type: 'page/values', nonce, keys: keys.slice(0, 20) })
      .then((r) => finish(r.values))
      .catch(() => finish({}));
    return () => {
      done = true;
      clearTimeout(timer);
    };
  }, [nonce, request, askRef]);

  return request && result?.request === request ? result.values : null;
}
