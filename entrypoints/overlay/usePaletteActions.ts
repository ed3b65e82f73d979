import { useCallback, useEffect, useRef, type Dispatch, type SetStateAction } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '@/components/I18nProvider';
import { shapeInsert } from '@/utils/console/insert-shape';
import { getDb } from '@/utils/db';
import type { Article, Placeholder } from '@/utils/kb/article';
import { insertableText, type InsertablePart } from '@/utils/kb/article-reply';
import { placeholderKeysIn } from '@/utils/kb/placeholders';
import { startReading, type ReadState } from '@/utils/kb/read-mode';
import { flagOutdated, recordUse } from '@/utils/kb/usage';
import { sendToBackground } from '@/utils/messaging';
import type { Action, Mode, Status } from './mode';

/** Larger HTML is not sent with an insert: the field gets the plain text. */
const MAX_HTML = 200_000;

/**
 * What the palette does: `close` it (giving focus back to the page or not), go `backToList`,
 * `act` on an article (insert or copy its first reply or a chosen part, after the placeholder
 * form when that text has placeholders), `finish` an insert or copy with the values filled in,
 * `openRead` (read mode), and `toggleFlag` (mark the article outdated, or not: `flagged` is
 * whether it is now). Each reports in the footer with `setStatus`.
 */
export function usePaletteActions(args: {
  nonce: string;
  askFor: (article: Article) => Placeholder[];
  flagged: boolean;
  focusSearch: (select?: boolean) => void;
  setQuery: Dispatch<SetStateAction<string>>;
  setSelected: Dispatch<SetStateAction<number>>;
  setMode: Dispatch<SetStateAction<Mode>>;
  setReadState: Dispatch<SetStateAction<ReadState | null>>;
  setStatus: Dispatch<SetStateAction<Status>>;
}) {
  const { nonce, askFor, flagged, focusSearch, setQuery, setSelected, setMode, setReadState, setStatus } = args;
  const { t } = useI18n();

  const close = useCallback(
    (restoreFocus: boolean) => {
      setMode({ kind: 'list' });
      void sendToBackground({ type: 'overlay/close', nonce, restoreFocus }).catch(() => undefined);
    },
    [nonce, setMode],
  );

  // Whether the palette was opened again (its window took the keyboard) since an insert was sent.
  const reopened = useRef(false);
  useEffect(() => {
    const onFocus = () => (reopened.current = true);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  const backToList = useCallback(() => {
    // The list is committed first, so the search box shows and has the keyboard before the next
    // key: focused a frame later, a key typed in between went to the page's body and was lost.
    flushSync(() => {
      setMode({ kind: 'list' });
      setReadState(null);
    });
    focusSearch();
  }, [focusSearch, setMode, setReadState]);

  /** Copies `text` (a reply of `article`, or a part of it) with its placeholders filled by `values`. */
  const copy = useCallback(
    async (article: Article, text: string, values: Record<string, string>) => {
      try {
        await navigator.clipboard.writeText(shapeInsert(text, values).text);
        setStatus({ kind: 'info', text: t('overlay.copied') });
        void recordUse(getDb(), article.id, Date.now()).catch(() => undefined);
      } catch {
        setStatus({ kind: 'error', text: t('overlay.copyFailed') });
      }
      backToList();
    },
    [t, backToList, setStatus],
  );

  /**
   * Inserts or copies `source` (a reply of `article`, or a part of it: never its notes) with its
   * placeholders filled by `values`.
   */
  const finish = useCallback(
    async (article: Article, action: Action, source: string, values: Record<string, string>) => {
      if (action === 'copy') return copy(article, source, values);
      const { text, html } = shapeInsert(source, values);
      // The palette hides as the insert starts, on its list (not the form just sent): opened again
      // before the insert is in (it can wait up to a second for the editor), it is ready to search.
      setMode({ kind: 'list' });
      reopened.current = false;
      const result = await sendToBackground({
        type: 'overlay/insert',
        nonce,
        text,
        ...(html.length <= MAX_HTML ? { html } : {}),
      }).catch(() => ({ ok: false, reason: 'no-console' }) as const);
      if (result.ok) {
        void recordUse(getDb(), article.id, Date.now()).catch(() => undefined);
        // A fresh search next time, unless the agent has opened the palette since and is typing one.
        if (!reopened.current) {
          setQuery('');
          setSelected(0);
        }
        return;
      }
      // Nowhere to put it, or not confirmed: the palette stays (or comes back) and offers the clipboard.
      const key =
        result.reason === 'field-gone'
          ? 'overlay.fieldGone'
          : result.reason === 'unconfirmed'
            ? 'insertion.unconfirmed'
            : result.reason === 'not-inserted'
              ? 'insertion.notInserted'
              : 'overlay.noField';
      setStatus({ kind: 'error', text: t(key), copy: () => void copy(article, source, values) });
      backToList();
    },
    [nonce, t, backToList, copy, setQuery, setSelected, setMode, setStatus],
  );

  /**
   * Insert or copy the first reply of `article` (or `part` of it): straight away, or after the
   * placeholder form when that text has any.
   */
  const act = useCallback(
    (article: Article, action: Action, part?: InsertablePart) => {
      const text = part?.text ?? insertableText(article).text;
      const keys = placeholderKeysIn(text);
      const placeholders = askFor(article).filter((p) => keys.includes(p.key));
      if (placeholders.length > 0) setMode({ kind: 'form', article, action, text, placeholders });
      else void finish(article, action, text, {});
    },
    [finish, askFor, setMode],
  );

  const toggleFlag = useCallback(
    (article: Article) => {
      void flagOutdated(getDb(), article.id, !flagged, Date.now())
        .then(() =>
          setStatus({ kind: 'info', text: t(flagged ? 'overlay.flag.unflaggedStatus' : 'overlay.flag.flaggedStatus') }),
        )
        .catch(() => setStatus({ kind: 'error', text: t('overlay.flag.failed') }));
    },
    [flagged, t, setStatus],
  );

  const openRead = useCallback(
    (article: Article) => {
      setReadState(article.steps.length > 0 ? startReading(article.steps) : null);
      setMode({ kind: 'read', article });
    },
    [setMode, setReadState],
  );

  return { close, backToList, finish, act, toggleFlag, openRead };
}
