import { useCallback, useMemo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { renderMarkdown } from '@/components/markdown';
import type { Article, Placeholder } from '@/utils/kb/article';
import { markPlaceholdersHtml } from '@/utils/kb/placeholders';
import { ArticleBadges } from './ArticleBadges';
import { PlaceholderText } from './PlaceholderText';

/**
 * The chosen article: beside the results (`expanded` false), or as the focused, scrollable
 * preview pane Tab opens (`expanded` true), which also lists the script's steps.
 */
export function Preview({
  article,
  placeholders,
  today,
  expanded,
  values,
}: {
  article: Article;
  /** What the article asks for (labels for the chips). */
  placeholders: readonly Placeholder[];
  today: string;
  expanded: boolean;
  values: Readonly<Record<string, string>>;
}) {
  const { t } = useI18n();
  // Rendered once per article shown, not on every keystroke.
  const html = useMemo(
    () =>
      markPlaceholdersHtml(
        renderMarkdown(article.body),
        (key) => placeholders.find((p) => p.key === key)?.label ?? key,
      ),
    [article, placeholders],
  );
  const focusOnMount = useCallback(
    (el: HTMLElement | null) => {
      if (expanded) el?.focus();
    },
    [expanded],
  );
  return (
    <article
      className={expanded ? 'preview preview-pane' : 'preview'}
      data-testid={expanded ? 'palette-preview-pane' : 'palette-preview'}
      // Focusable beside the results too: it scrolls, and a scrolling region needs the keyboard.
      tabIndex={0}
      ref={focusOnMount}
      aria-label={t('overlay.previewLabel', { title: article.title })}
    >
      <h2>{article.title}</h2>
      {expanded ? (
        <p className="preview-badges">
          <ArticleBadges article={article} today={today} />
        </p>
      ) : null}
      <div className="preview-body" dangerouslySetInnerHTML={{ __html: html }} />
      {expanded && article.steps.length > 0 ? (
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
    </article>
  );
}
