import { useI18n } from '@/components/I18nProvider';
import { GUIDANCE_SOURCES, PROMPT_CATALOGUE, SETTINGS_ORDER, type PromptKind } from '@/utils/wellbeing/catalogue';
import { FieldError, MinutesInput, SourceBadge, type WellbeingControls } from './wellbeing-fields';

/** One row per prompt: on/off, its minutes, where its guidance comes from, and who set it. */
export function WellbeingPrompts({ c }: { c: WellbeingControls }) {
  return (
    <ul className="wb-prompt-list" data-testid="wellbeing-prompts">
      {SETTINGS_ORDER.map((kind) => (
        <PromptRow key={kind} kind={kind} c={c} />
      ))}
    </ul>
  );
}

function PromptRow({ kind, c }: { kind: PromptKind; c: WellbeingControls }) {
  const { t } = useI18n();
  const info = PROMPT_CATALOGUE[kind];
  const value = c.wb.settings.prompts[kind];
  const source = GUIDANCE_SOURCES[info.source];
  const onLocked = c.locked(`prompts.${kind}.on`);
  const minutesLocked = c.locked(`prompts.${kind}.minutes`);
  const label = t(info.labelKey);
  return (
    <li className="wb-row" data-testid="wellbeing-prompt" data-kind={kind}>
      <div className="wb-row-main">
        <label className="field wb-prompt-label">
          <input
            type="checkbox"
            checked={value.on}
            disabled={onLocked}
            onChange={(e) => c.save({ prompts: { [kind]: { on: e.target.checked } } }, `prompts.${kind}.on`)}
            data-testid={`wellbeing-prompt-${kind}-on`}
          />
          <strong>{label}</strong>
        </label>
        <span className="row">
          <span className="sm-muted">{t(`wellbeing.options.meaning.${info.minutes.meaning}`)}</span>
          <MinutesInput
            value={value.minutes}
            min={info.minutes.min}
            max={info.minutes.max}
            label={t('wellbeing.options.minutesOf', { prompt: label })}
            disabled={minutesLocked || !value.on}
            onCommit={(n) =>
              n === null
                ? c.fail(
                    `prompts.${kind}.minutes`,
                    t('wellbeing.options.minutesRange', { min: info.minutes.min, max: info.minutes.max }),
                  )
                : c.save({ prompts: { [kind]: { minutes: n } } }, `prompts.${kind}.minutes`)
            }
            testId={`wellbeing-prompt-${kind}-minutes`}
          />
          <span className="sm-muted">{t('wellbeing.options.min')}</span>
        </span>
        <SourceBadge wb={c.wb} field={`prompts.${kind}.on`} />
        {c.wb.sources[`prompts.${kind}.minutes`] !== c.wb.sources[`prompts.${kind}.on`] ? (
          <SourceBadge wb={c.wb} field={`prompts.${kind}.minutes`} />
        ) : null}
      </div>
      <FieldError c={c} field={`prompts.${kind}.minutes`} />
      <p className="sm-muted wb-help">{t(info.helpKey)}</p>
      {source.url ? (
        <p className="sm-muted wb-source" data-testid="wellbeing-guidance" data-kind={kind}>
          <a href={source.url} target="_blank" rel="noreferrer">
            {t('wellbeing.options.readSource', { source: t(source.nameKey) })}
          </a>
        </p>
      ) : null}
    </li>
  );
}
