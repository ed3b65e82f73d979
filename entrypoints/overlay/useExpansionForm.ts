import { useEffect, useState } from 'react';
import { useLatest } from '@/components/useLatest';
import { browser } from 'wxt/browser';
import type { Article } from '@/utils/kb/article';
import { parseMessage } from '@/utils/messages';

/**
 * A trigger typed in a console field for an article with placeholders: the content script opens
 * the palette and sends `palette/open-form` with the article's id; this calls `open(article)`
 * (the palette's insert action, which shows the placeholder form) once the article is loaded.
 * The form's insert replaces the trigger (the content script left it selected).
 */
export function useExpansionForm(
  nonce: string,
  byId: ReadonlyMap<string, Article>,
  open: (article: Article) => void,
): void {
  const [pending, setPending] = useState<string | null>(null);
  const openRef = useLatest(open);

  useEffect(() => {
    const listener = (raw: unknown) => {
      const msg = parseMessage(raw);
      if (msg?.type !== 'palette/open-form' || msg.nonce !== nonce) return undefined;
      setPending(msg.articleId);
      return Promise.resolve({ ok: true });
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [nonce]);

  useEffect(() => {
    const article = pending ? byId.get(pending) : undefined;
    if (!article) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a message from outside React, taken once the KB has loaded
    setPending(null);
    openRef.current(article);
  }, [pending, byId, openRef]);
}
