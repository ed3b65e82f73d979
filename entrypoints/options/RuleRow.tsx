import { useI18n } from '@/components/I18nProvider';
import { codeLabel } from '@/components/stateLabel';
import type { RuleProblem } from '@/utils/console/rule-problems';
import type { DraftRule } from '@/utils/console/rule-draft';
import type { CustomOtherCode } from '@/utils/settings';
import { AGENT_STATES, type AgentState } from '@/utils/time/states';
import { RuleProblemNote } from './RuleProblemNote';
import type { Errors } from './rule-validate';

/** The id of the message explaining `field`'s error, when it has one (for `aria-describedby`). */
export function errorId(idBase: string, errors: Errors, field: string): string | undefined {
  return errors[field] ? `${idBase}-${field.replace(':', '-')}-error` : undefined;
}

/** The error on `field` (`<rule key>:<field>` or `context`), or nothing. */
export function FieldError({ idBase, errors, field }: { idBase: string; errors: Errors; field: string }) {
  return errors[field] ? (
    <span className="sm-error rules-error" id={errorId(idBase, errors, field)} data-testid="rules-error">
      {errors[field]}
    </span>
  ) : null;
}

/**
 * One page rule in the Options form: move up/down, remove, its selector, text pattern, state (and
 * `other` code), the errors on its fields, and a note when console pages switched it off.
 */
export function RuleRow({
  d,
  index,
  count,
  idBase,
  errors,
  codes,
  customCodes,
  problem,
  onUpdate,
  onMove,
  onRemove,
}: {
  d: DraftRule;
  index: number;
  /** How many rules the site has (the last one cannot move down). */
  count: number;
  idBase: string;
  errors: Errors;
  codes: readonly string[];
  customCodes: readonly CustomOtherCode[];
  problem: RuleProblem | undefined;
  onUpdate: (patch: Partial<DraftRule>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const n = index + 1;
  const id = `${idBase}-${d.key}`;
  return (
    <li data-rule-key={d.key} data-testid="rules-row">
      <div className="rules-row-head">
        <strong>{t('rules.ruleLabel', { n })}</strong>
        <span className="spacer" />
        <button
          type="button"
          data-action="up"
          disabled={index === 0}
          onClick={() => onMove(-1)}
          aria-label={t('rules.moveUpLabel', { n })}
          title={t('rules.moveUpLabel', { n })}
          data-testid="rules-up"
        >
          {t('rules.moveUp')}
        </button>
        <button
          type="button"
          data-action="down"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
          aria-label={t('rules.moveDownLabel', { n })}
          title={t('rules.moveDownLabel', { n })}
          data-testid="rules-down"
        >
          {t('rules.moveDown')}
        </button>
        <button
          type="button"
          className="danger"
          data-action="remove"
          onClick={onRemove}
          aria-label={t('rules.removeLabel', { n })}
          data-testid="rules-remove"
        >
          {t('rules.remove')}
        </button>
      </div>
      <div className="rules-fields">
        <label className="rules-field wide" htmlFor={`${id}-selector`}>
          <span>{t('rules.selector')}</span>
          <input
            id={`${id}-selector`}
            type="text"
            data-action="selector"
            value={d.selector}
            onChange={(e) => onUpdate({ selector: e.target.value })}
            placeholder="#agent-status"
            spellCheck={false}
            aria-invalid={errors[`${d.key}:selector`] ? true : undefined}
            aria-describedby={errorId(idBase, errors, `${d.key}:selector`)}
            data-testid="rules-selector"
          />
        </label>
        <label className="rules-field wide" htmlFor={`${id}-pattern`}>
          <span>{t('rules.textPattern')}</span>
          <input
            id={`${id}-pattern`}
            type="text"
            value={d.textPattern}
            onChange={(e) => onUpdate({ textPattern: e.target.value })}
            placeholder={t('rules.textPatternPlaceholder')}
            spellCheck={false}
            aria-invalid={errors[`${d.key}:textPattern`] ? true : undefined}
            aria-describedby={errorId(idBase, errors, `${d.key}:textPattern`)}
            data-testid="rules-pattern"
          />
        </label>
        <label className="rules-field" htmlFor={`${id}-state`}>
          <span>{t('rules.state')}</span>
          <select
            id={`${id}-state`}
            value={d.state}
            onChange={(e) => onUpdate({ state: e.target.value as AgentState })}
            data-testid="rules-state"
          >
            {AGENT_STATES.map((s) => (
              <option key={s} value={s}>
                {t(`states.${s}`)}
              </option>
            ))}
          </select>
        </label>
        {d.state === 'other' ? (
          <label className="rules-field" htmlFor={`${id}-code`}>
            <span>{t('rules.code')}</span>
            <select
              id={`${id}-code`}
              value={d.code}
              onChange={(e) => onUpdate({ code: e.target.value })}
              aria-invalid={errors[`${d.key}:code`] ? true : undefined}
              aria-describedby={errorId(idBase, errors, `${d.key}:code`)}
              data-testid="rules-code"
            >
              <option value="">{t('rules.chooseCode')}</option>
              {codes.map((c) => (
                <option key={c} value={c}>
                  {codeLabel(t, c, customCodes)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <FieldError idBase={idBase} errors={errors} field={`${d.key}:selector`} />
      <FieldError idBase={idBase} errors={errors} field={`${d.key}:textPattern`} />
      <FieldError idBase={idBase} errors={errors} field={`${d.key}:code`} />
      <RuleProblemNote problem={problem} />
    </li>
  );
}
