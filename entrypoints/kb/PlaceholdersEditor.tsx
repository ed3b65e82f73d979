import { useI18n } from '@/components/I18nProvider';
import type { FieldIssue } from '@/utils/kb/store';
import { FieldErrors } from './FieldErrors';
import { issuesAt, type FormPlaceholder } from './form';
import { removed, replaced } from './listEdit';

const TYPES = ['text', 'choice', 'date'] as const;

/** The values the agent fills before inserting: `{{key}}` in the body, with a label and a type. */
export function PlaceholdersEditor({
  placeholders,
  onChange,
  issues,
  onBlur,
}: {
  placeholders: readonly FormPlaceholder[];
  onChange: (placeholders: FormPlaceholder[]) => void;
  issues: readonly FieldIssue[];
  onBlur: () => void;
}) {
  const { t } = useI18n();
  return (
    <fieldset className="kb-subeditor" data-testid="kb-placeholders-editor" onBlur={onBlur}>
      <legend>{t('kb.fields.placeholders')}</legend>
      <p className="sm-muted kb-help">{t('kb.placeholdersHelp')}</p>
      <FieldErrors issues={issues.filter((i) => i.path === 'placeholders')} />
      <ul className="kb-ph-list">
        {placeholders.map((p, i) => {
          const at = `placeholders[${i}]`;
          const set = (next: Partial<FormPlaceholder>) => onChange(replaced(placeholders, i, { ...p, ...next }));
          return (
            <li key={i} className="kb-ph" data-testid="kb-ph">
              <div className="kb-ph-grid">
                <label>
                  <span>{t('kb.phKey')}</span>
                  <input
                    type="text"
                    value={p.key}
                    placeholder="customerName"
                    spellCheck={false}
                    aria-invalid={issuesAt(issues, `${at}.key`).length > 0}
                    onChange={(e) => set({ key: e.target.value })}
                    data-testid="kb-ph-key"
                  />
                  <FieldErrors issues={issuesAt(issues, `${at}.key`)} />
                </label>
                <label>
                  <span>{t('kb.phLabel')}</span>
                  <input
                    type="text"
                    value={p.label}
                    aria-invalid={issuesAt(issues, `${at}.label`).length > 0}
                    onChange={(e) => set({ label: e.target.value })}
                    data-testid="kb-ph-label"
                  />
                  <FieldErrors issues={issuesAt(issues, `${at}.label`)} />
                </label>
                <label>
                  <span>{t('kb.phType')}</span>
                  <select
                    value={p.type}
                    onChange={(e) => set({ type: e.target.value as FormPlaceholder['type'] })}
                    data-testid="kb-ph-type"
                  >
                    {TYPES.map((type) => (
                      <option key={type} value={type}>
                        {t(`kb.phTypes.${type}`)}
                      </option>
                    ))}
                  </select>
                </label>
                {p.type === 'choice' ? (
                  <label>
                    <span>{t('kb.phOptions')}</span>
                    <input
                      type="text"
                      value={p.options}
                      placeholder={t('kb.listPlaceholder')}
                      aria-invalid={issuesAt(issues, `${at}.options`).length > 0}
                      onChange={(e) => set({ options: e.target.value })}
                      data-testid="kb-ph-options"
                    />
                    <FieldErrors issues={issuesAt(issues, `${at}.options`)} />
                  </label>
                ) : null}
                <label>
                  <span>{t('kb.phDefaultLabel')}</span>
                  <input
                    type={p.type === 'date' ? 'date' : 'text'}
                    value={p.defaultValue}
                    onChange={(e) => set({ defaultValue: e.target.value })}
                    data-testid="kb-ph-default"
                  />
                  <FieldErrors issues={issuesAt(issues, `${at}.defaultValue`)} />
                </label>
                <button
                  type="button"
                  className="danger kb-ph-remove"
                  onClick={() => onChange(removed(placeholders, i))}
                  aria-label={t('kb.removePlaceholderLabel', { key: p.key || String(i + 1) })}
                  data-testid="kb-ph-remove"
                >
                  ×
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <button
        type="button"
        className="kb-add"
        onClick={() => onChange([...placeholders, { key: '', label: '', type: 'text', options: '', defaultValue: '' }])}
        data-testid="kb-ph-add"
      >
        + {t('kb.addPlaceholder')}
      </button>
    </fieldset>
  );
}
