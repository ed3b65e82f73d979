import { useCallback, useMemo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { renderMarkdown } from '@/components/markdown';
import type { Article, Placeholder } from '@/utils/kb/article';
import { fillPlaceholders, fillPlaceholdersHtml, markPlaceholdersHtml } from '@/utils/kb/placeholders';
import { dueLines, type ReadState } from '@/utils/kb/read-mode';
import { PlaceholderText } from './PlaceholderText';

/**
 * Read mode (teleprompter). A script with steps shows one step at a time in large text, must-say
 * lines marked and the current line highlighted; the palette feeds it keys (see Palette). An
 * article without steps shows its body large. Markers show `values` (what the insert form would
 * start with, the agent's name from Options included), else their label as a chip. Nothing is inserted; the call goes on underneath.
 */
export function ReadMode({
  article,
  placeholders,
  state,
  values,
  onBack,
}: {
  article: Article;
  /** What the article asks for (labels for unfilled markers). */
  placeholders: readonly Placeholder[];
  state: ReadState | null;
  values: Readonly<Record<string, string>>;
  onBack: () => void;
}) {
  const { t } = useI18n();
  // A body without steps, filled like the lines: known values, the rest as labelled chips.
  const html = useMemo(
    () =>
      article.steps.length === 0
        ? markPlaceholdersHtml(
            fillPlaceholdersHtml(renderMarkdown(article.body), values),
            (key) => placeholders.find((p) => p.key === key)?.label ?? key,
          )
        : '',
    [article, values, placeholders],
  );
  const focusOnMount = useCallback((el: HTMLElement | null) => el?.focus(), []);
  const steps = article.steps;
  const step = state ? steps[state.step] : undefined;
  const notice = state?.notice ?? null;
  // Plain text of a line for notices: values entered this shift, else the label in brackets.
  const lineText = (stepIndex: number, line: number) =>
    fillPlaceholders(steps[stepIndex]?.lines[line]?.text ?? '', {
      ...Object.fromEntries(placeholders.map((p) => [p.key, `[${p.label}]`])),
      ...values,
    });
  return (
    <section className="read-view" data-testid="palette-read-view" aria-label={article.title}>
      <header>
        <div>
          <h1>{article.title}</h1>
          {state && step ? (
            <p className="sm-muted read-progress">
              {t('overlay.readMode.step', { n: state.step + 1, total: steps.length })}
            </p>
          ) : null}
        </div>
        <button type="button" onClick={onBack} data-testid="palette-read-back">
          {t('overlay.back')} <kbd>Esc</kbd>
        </button>
      </header>
      {state && step ? (
        <>
          <ol className="read-steps" aria-label={t('overlay.readMode.stepsLabel')}>
            {steps.map((s, i) => {
              const skipped = state.skipped[i];
              const done = dueLines(state, steps, i).length === 0 && state.said[i]?.some(Boolean);
              return (
                <li
                  key={i}
                  className={[i === state.step ? 'current' : '', skipped ? 'skipped' : '', done ? 'done' : ''].join(
                    ' ',
                  )}
                  aria-current={i === state.step ? 'step' : undefined}
                >
                  {i + 1}. {s.title}
                  {skipped ? (
                    <span className="badge stale" title={t('overlay.readMode.skippedBadge', { count: skipped.length })}>
                      ⤼
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ol>
          <div
            className="read-body read-step"
            tabIndex={0}
            ref={focusOnMount}
            data-testid="palette-read-step"
            data-step={state.step}
          >
            <h2>{step.title}</h2>
            <ul className="read-lines">
              {step.lines.map((line, i) => {
                const said = state.said[state.step]?.[i] ?? false;
                return (
                  <li
                    key={i}
                    className={[line.mustSay ? 'must-say' : '', said ? 'said' : ''].join(' ')}
                    data-testid="palette-read-line"
                    data-must-say={line.mustSay}
                    data-said={said}
                    aria-current={i === state.line ? 'true' : undefined}
                  >
                    {line.mustSay ? <span className="badge must">{t('overlay.mustSay')}</span> : null}
                    {said ? <span className="said-mark">✓ {t('overlay.readMode.said')}</span> : null}
                    <span className="line-text">
                      <PlaceholderText text={line.text} values={values} placeholders={placeholders} />
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
          <footer className="read-footer">
            {notice?.kind === 'due' ? (
              <p className="read-notice due" role="alert" data-testid="palette-read-due">
                {t('overlay.readMode.due', { line: lineText(notice.step, notice.line) })}
              </p>
            ) : null}
            {notice?.kind === 'skipped' ? (
              <p className="read-notice skipped" role="status" data-testid="palette-read-skipped">
                {t('overlay.readMode.skipped', { n: notice.step + 1, count: notice.lines.length })}
              </p>
            ) : null}
            {notice?.kind === 'end' ? (
              <p className="read-notice end" role="status" data-testid="palette-read-end">
                {t('overlay.readMode.end')}
              </p>
            ) : null}
            <p className="sm-muted read-hint">{t('overlay.readMode.hint')}</p>
          </footer>
        </>
      ) : (
        <div className="read-body" tabIndex={0} ref={focusOnMount} dangerouslySetInnerHTML={{ __html: html }} />
      )}
    </section>
  );
}
