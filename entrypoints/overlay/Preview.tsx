import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { renderMarkdown } from '@/components/markdown';
import type { Article, Placeholder } from '@/utils/kb/article';
import { insertsWholeBody, type InsertablePart } from '@/utils/kb/article-reply';
import { markPlaceholdersHtml } from '@/utils/kb/placeholders';
import { ArticleBadges } from './ArticleBadges';
import { CharCount, type FieldLimit } from './CharCount';
import { PlaceholderText } from './PlaceholderText';

/**
 * The chosen article: beside the results (`expanded` false), or as the focused preview pane Tab
 * opens (`expanded` true). The reply (what Enter inserts) comes first with its length against the
 * agent's field; the notes (never inserted) follow, marked as the agent's own. In the pane every
 * insertable part — a variant, a paragraph, a script line — is a row: ↑/↓ choose, Enter inserts it.
 */
export function Preview({
  article,
  placeholders,
  today,
  expanded,
  values,
  parts = [],
  part = null,
  limit = null,
  insertLength,
  flagged = false,
  onFlag,
}: {
  article: Article;
  /** What the article asks for (labels for the chips). */
  placeholders: readonly Placeholder[];
  today: string;
  expanded: boolean;
  values: Readonly<Record<string, string>>;
  /** The pane's insertable parts, and the chosen one (null: the first reply). */
  parts?: readonly InsertablePart[];
  part?: number | null;
  /** The agent's field's `maxlength` and what is already in it, when it has one. */
  limit?: FieldLimit | null;
  /** How many characters the chosen part (or the first reply) inserts. */
  insertLength: number;
  /** Whether the agent has flagged this article as outdated. */
  flagged?: boolean;
  onFlag?: () => void;
}) {
  const { t } = useI18n();
  const label = useCallback((key: string) => placeholders.find((p) => p.key === key)?.label ?? key, [placeholders]);
  const whole = insertsWholeBody(article);
  // Rendered once per article shown, not on every keystroke.
  const replies = useMemo(
    () =>
      (whole ? [{ label: '', text: article.body }] : article.replies).map((r) => ({
        label: r.label,
        html: markPlaceholdersHtml(renderMarkdown(r.text), label),
      })),
    [article, whole, label],
  );
  const notes = useMemo(
    () => (article.notes ? markPlaceholdersHtml(renderMarkdown(article.notes), label) : ''),
    [article, label],
  );
  const paneRef = useRef<HTMLElement | null>(null);
  const focusOnMount = useCallback(
    (el: HTMLElement | null) => {
      paneRef.current = el;
      if (expanded) el?.focus();
    },
    [expanded],
  );
  // The chosen part stays in view as ↑/↓ move through a long article.
  useEffect(() => {
    if (part !== null) paneRef.current?.querySelector(`#part-${part}`)?.scrollIntoView({ block: 'nearest' });
  }, [part]);
  return (
    <article
      className={expanded ? 'preview preview-pane' : 'preview'}
      data-testid={expanded ? 'palette-preview-pane' : 'palette-preview'}
      // Focusable beside the results too: it scrolls, and a scrolling region needs the keyboard.
      tabIndex={0}
      ref={focusOnMount}
      aria-label={t('overlay.previewLabel', { title: article.title })}
      aria-activedescendant={expanded && part !== null ? `part-${part}` : undefined}
    >
      <h2>{article.title}</h2>
      {expanded ? (
        <p className="preview-badges">
          <ArticleBadges article={article} today={today} />
        </p>
      ) : null}
      <CharCount length={insertLength} limit={limit} />
      {whole ? (
        <p className="preview-whole" data-testid="palette-preview-whole">
          {t('overlay.reply.whole')}
        </p>
      ) : null}
      {expanded && parts.length > 0 ? (
        <section className="preview-parts" aria-label={t('overlay.reply.partsLabel')}>
          <p className="preview-hint">{t('overlay.reply.partsHint')}</p>
          <ul role="listbox" aria-label={t('overlay.reply.partsLabel')} data-testid="palette-parts">
            {parts.map((p, i) => (
              <li
                key={i}
                id={`part-${i}`}
                role="option"
                aria-selected={(part ?? 0) === i}
                className={`part part-${p.kind}`}
                data-testid="palette-part"
                data-kind={p.kind}
              >
                <span className="part-kind">
                  {t(`overlay.reply.kind.${p.kind}`)}
                  {p.label ? ` · ${p.label}` : ''}
                </span>
                <span className="part-text">
                  <PlaceholderText text={p.text} values={values} placeholders={placeholders} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : (
        <section className="preview-reply" aria-label={t('overlay.reply.label')} data-testid="palette-preview-reply">
          {replies.map((r, i) => (
            <div key={i} className="reply-variant">
              {replies.length > 1 || r.label ? (
                <h3>{r.label || t('overlay.reply.variant', { n: String(i + 1) })}</h3>
              ) : null}
              <div className="preview-body" dangerouslySetInnerHTML={{ __html: r.html }} />
            </div>
          ))}
        </section>
      )}
      {notes ? (
        <section
          className="preview-notes"
          aria-label={t('overlay.reply.notesLabel')}
          data-testid="palette-preview-notes"
        >
          <h3>{t('overlay.reply.notesLabel')}</h3>
          <div className="preview-body" dangerouslySetInnerHTML={{ __html: notes }} />
        </section>
      ) : null}
      {expanded && !parts.some((p) => p.kind === 'line') && article.steps.length > 0 ? (
        <section className="preview-steps" aria-label={t('overlay.readMode.stepsLabel')}>
          {article.steps.map((step, i) => (
            <div key={i}>
              <h3>
                {i + 1}. {step.title}
              </h3>
              <ul>
                {step.lines.map((line, j) => (
                  <li key={j} className={line.mustSay ? 'must-say' : undefined}>
                    {line.mustSay ? <span className="badge must">{t('overlay.mustSay')}</span> : null}{' '}
                    <PlaceholderText text={line.text} values={values} placeholders={placeholders} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      {expanded && onFlag ? (
        <p className="preview-flag">
          <button
            type="button"
            onClick={onFlag}
            aria-pressed={flagged}
            data-testid="palette-flag-outdated"
            title={t('overlay.flag.hint')}
          >
            {flagged ? t('overlay.flag.flagged') : t('overlay.flag.button')}
          </button>
        </p>
      ) : null}
    </article>
  );
}
