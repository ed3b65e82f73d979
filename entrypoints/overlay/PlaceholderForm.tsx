import { useCallback, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { Article, Placeholder } from '@/utils/kb/article';
import { checkPlaceholderValues, cleanPlaceholderValues, type PlaceholderProblem } from '@/utils/kb/placeholders';

/**
 * The small form shown before inserting (or copying) an article with placeholders. Keyboard
 * only: the first field has focus, Tab moves on, Enter submits, Esc goes back to the results.
 * Dates use the browser's date field and are inserted as `YYYY-MM-DD`.
 */
export function PlaceholderForm({
  article,
  placeholders,
  initial,
  action,
  imeOwns,
  onSubmit,
  onBack,
}: {
  article: Article;
  placeholders: readonly Placeholder[];
  initial: Readonly<Record<string, string>>;
  action: 'insert' | 'copy';
  imeOwns: (e: KeyboardEvent) => boolean;
  onSubmit: (values: Record<string, string>) => void;
  onBack: () => void;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string>>(() => ({ ...initial }));
  const [problem, setProblem] = useState<PlaceholderProblem | null>(null);
  // Stable, so it runs once when the field mounts, not on every keystroke.
  const focusFirst = useCallback((el: HTMLInputElement | HTMLSelectElement | null) => el?.focus(), []);

  const submit = () => {
    const found = checkPlaceholderValues(placeholders, values);
    setProblem(found);
    if (found) {
      document.getElementById(`ph-${found.key}`)?.focus();
      return;
    }
    onSubmit(cleanPlaceholderValues(placeholders, values));
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLFormElement>) => {
    if (imeOwns(e.nativeEvent)) return;
    // Handled here only: the palette's window listener must not see it (it would close).
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onBack();
    } else if (e.key === 'Enter' && !(e.target instanceof HTMLButtonElement)) {
      e.preventDefault();
      e.stopPropagation();
      submit();
    }
  };

  const problemText = problem
    ? t(
        problem.problem === 'empty'
          ? 'overlay.ph.empty'
          : problem.problem === 'not-an-option'
            ? 'overlay.ph.notAnOption'
            : 'overlay.ph.notADate',
        { label: placeholders.find((p) => p.key === problem.key)?.label ?? problem.key },
      )
    : null;

  return (
    <form
      className="ph-form"
      data-testid="palette-placeholder-form"
      aria-label={article.title}
      noValidate
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <header>
        <h1>{t(action === 'copy' ? 'overlay.ph.copyTitle' : 'overlay.ph.title')}</h1>
        <p className="sm-muted">{article.title}</p>
      </header>
      <div className="ph-fields">
        {placeholders.map((p, i) => {
          const common = {
            id: `ph-${p.key}`,
            'data-testid': `palette-placeholder-${p.key}`,
            value: values[p.key] ?? '',
            'aria-invalid': problem?.key === p.key ? true : undefined,
            'aria-describedby': p.type === 'date' ? `ph-${p.key}-hint` : undefined,
            ref: i === 0 ? focusFirst : undefined,
            onChange: (e: { target: { value: string } }) => {
              const value = e.target.value;
              setValues((v) => ({ ...v, [p.key]: value }));
            },
          };
          return (
            <label key={p.key} className="ph-field" htmlFor={`ph-${p.key}`}>
              <span className="ph-label">{p.label}</span>
              {p.type === 'choice' ? (
                <select {...common}>
                  {p.options.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...common} type={p.type === 'date' ? 'date' : 'text'} autoComplete="off" spellCheck={false} />
              )}
              {p.type === 'date' ? (
                <span id={`ph-${p.key}-hint`} className="sm-muted ph-hint">
                  {t('overlay.ph.dateHint')}
                </span>
              ) : null}
            </label>
          );
        })}
      </div>
      {problemText ? (
        <p className="sm-error" role="alert" data-testid="palette-placeholder-error">
          {problemText}
        </p>
      ) : null}
      <footer>
        <button type="button" onClick={onBack} data-testid="palette-placeholder-back">
          {t('overlay.ph.back')} <kbd>Esc</kbd>
        </button>
        <button type="submit" className="primary" data-testid="palette-placeholder-submit">
          {t(action === 'copy' ? 'overlay.ph.submitCopy' : 'overlay.ph.submit')} <kbd>Enter</kbd>
        </button>
      </footer>
      <p className="sm-muted ph-hint">{t('overlay.ph.hint')}</p>
    </form>
  );
}
