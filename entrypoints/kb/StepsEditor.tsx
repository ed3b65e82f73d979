import { useI18n } from '@/components/I18nProvider';
import type { FieldIssue } from '@/utils/kb/store';
import { FieldErrors } from './FieldErrors';
import { issuesAt, type FormStep } from './form';
import { moved, removed, replaced } from './listEdit';

/** The ordered steps of a spoken script, each with lines that may be marked must-say. */
export function StepsEditor({
  steps,
  onChange,
  issues,
  onBlur,
}: {
  steps: readonly FormStep[];
  onChange: (steps: FormStep[]) => void;
  issues: readonly FieldIssue[];
  onBlur: () => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="kb-subeditor" data-testid="kb-steps-editor" onBlur={onBlur}>
      <legend>{t('kb.fields.steps')}</legend>
      <p className="sm-muted kb-help">{t('kb.stepsHelp')}</p>
      <FieldErrors issues={issues.filter((i) => i.path === 'steps')} />
      <ol className="kb-step-list">
        {steps.map((step, i) => {
          const at = `steps[${i}]`;
          const setStep = (s: FormStep) => onChange(replaced(steps, i, s));
          return (
            <li key={i} className="kb-step" data-testid="kb-step">
              <div className="kb-inline">
                <input
                  type="text"
                  className="grow"
                  value={step.title}
                  placeholder={t('kb.stepTitlePlaceholder')}
                  aria-label={t('kb.stepTitleLabel', { n: i + 1 })}
                  aria-invalid={issuesAt(issues, `${at}.title`).length > 0}
                  onChange={(e) => setStep({ ...step, title: e.target.value })}
                  data-testid="kb-step-title"
                />
                <button
                  type="button"
                  onClick={() => onChange(moved(steps, i, -1))}
                  disabled={i === 0}
                  aria-label={t('kb.moveUpLabel', { n: i + 1 })}
                  data-testid="kb-step-up"
                >
                  ↑
                </button>
                <button
                  type="button"
                  onClick={() => onChange(moved(steps, i, 1))}
                  disabled={i === steps.length - 1}
                  aria-label={t('kb.moveDownLabel', { n: i + 1 })}
                  data-testid="kb-step-down"
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => onChange(removed(steps, i))}
                  data-testid="kb-step-remove"
                >
                  {t('kb.removeStep')}
                </button>
              </div>
              <FieldErrors
                issues={[...issuesAt(issues, `${at}.title`), ...issues.filter((x) => x.path === `${at}.lines`)]}
              />
              <ul className="kb-line-list">
                {step.lines.map((line, j) => {
                  const lineAt = `${at}.lines[${j}]`;
                  const setLines = (lines: FormStep['lines']) => setStep({ ...step, lines });
                  return (
                    <li key={j} className={line.mustSay ? 'kb-line must-say' : 'kb-line'} data-testid="kb-line">
                      <div className="kb-inline">
                        <input
                          type="text"
                          className="grow"
                          value={line.text}
                          placeholder={t('kb.linePlaceholder')}
                          aria-label={t('kb.lineLabel', { step: i + 1, n: j + 1 })}
                          aria-invalid={issuesAt(issues, `${lineAt}.text`).length > 0}
                          onChange={(e) => setLines(replaced(step.lines, j, { ...line, text: e.target.value }))}
                          data-testid="kb-line-text"
                        />
                        <label className="kb-check">
                          <input
                            type="checkbox"
                            checked={line.mustSay}
                            onChange={(e) => setLines(replaced(step.lines, j, { ...line, mustSay: e.target.checked }))}
                            data-testid="kb-line-must-say"
                          />
                          <span>{t('kb.mustSay')}</span>
                        </label>
                        <button
                          type="button"
                          onClick={() => setLines(moved(step.lines, j, -1))}
                          disabled={j === 0}
                          aria-label={t('kb.moveUpLabel', { n: j + 1 })}
                        >
                          ↑
                        </button>
                        <button
                          type="button"
                          onClick={() => setLines(moved(step.lines, j, 1))}
                          disabled={j === step.lines.length - 1}
                          aria-label={t('kb.moveDownLabel', { n: j + 1 })}
                        >
                          ↓
                        </button>
                        <button
                          type="button"
                          className="danger"
                          onClick={() => setLines(removed(step.lines, j))}
                          aria-label={t('kb.removeLineLabel', { n: j + 1 })}
                          data-testid="kb-line-remove"
                        >
                          ×
                        </button>
                      </div>
                      <FieldErrors issues={issuesAt(issues, `${lineAt}.text`)} />
                    </li>
                  );
                })}
              </ul>
              <button
                type="button"
                className="kb-add"
                onClick={() => setStep({ ...step, lines: [...step.lines, { text: '', mustSay: false }] })}
                data-testid="kb-line-add"
              >
                + {t('kb.addLine')}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="kb-add"
        onClick={() => onChange([...steps, { title: '', lines: [{ text: '', mustSay: false }] }])}
        data-testid="kb-step-add"
      >
        + {t('kb.addStep')}
      </button>
    </fieldset>
  );
}
