import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { codeLabel } from '@/components/stateLabel';
import { customOtherCodeSchema, IDLE_LOCK_ACTIONS, type IdleLock, type Schedule } from '@/utils/settings';
import { saveSettings } from '@/utils/settings-store';
import { BUILTIN_OTHER_CODES } from '@/utils/time/states';

/** Whole minutes from an input, or null when it is not a whole number in range. */
function minutes(raw: string, max: number, min = 0): number | null {
  if (!/^\d{1,3}$/.test(raw.trim())) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

/**
 * My time: break and lunch allowances (the dashboard compares what was used), what a locked screen
 * does, the agent's own "other" codes, and the name scripts use.
 */
export function TimeSection() {
  const { t, settings } = useI18n();
  const s = settings?.settings;
  const [breakMin, setBreakMin] = useState(() => String(s?.schedule.breakMinutes ?? 30));
  const [lunchMin, setLunchMin] = useState(() => String(s?.schedule.lunchMinutes ?? 60));
  const [lockMin, setLockMin] = useState(() => String(s?.idleLock.minutes ?? 10));
  const [name, setName] = useState(() => s?.agentName ?? '');
  const [codeId, setCodeId] = useState('');
  const [codeText, setCodeText] = useState('');
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  if (!s) return null;

  const done = (field: string) => {
    setError(null);
    setSaved(field);
  };
  const saveSchedule = () => {
    const b = minutes(breakMin, 240);
    const l = minutes(lunchMin, 240);
    if (b === null) return setError({ field: 'break', text: t('options.time.minutesError', { max: 240 }) });
    if (l === null) return setError({ field: 'lunch', text: t('options.time.minutesError', { max: 240 }) });
    const schedule: Schedule = { breakMinutes: b, lunchMinutes: l };
    void saveSettings({ schedule }).then(() => done('schedule'));
  };
  const saveLock = (action: IdleLock['action']) => {
    const m = minutes(lockMin, 240, 1);
    if (m === null) return setError({ field: 'lock', text: t('options.time.lockMinutesError') });
    void saveSettings({ idleLock: { action, minutes: m } }).then(() => done('lock'));
  };
  const addCode = () => {
    const checked = customOtherCodeSchema.safeParse({ id: codeId.trim(), label: codeText.trim() });
    if (!checked.success) {
      const field = checked.error.issues[0]?.path[0] === 'label' ? 'codeLabel' : 'codeId';
      return setError({
        field,
        text: t(field === 'codeLabel' ? 'options.time.codeLabelError' : 'options.time.codeIdError'),
      });
    }
    if (s.otherCodes.some((c) => c.id === checked.data.id))
      return setError({ field: 'codeId', text: t('options.time.codeDuplicate') });
    void saveSettings({ otherCodes: [...s.otherCodes, checked.data] }).then(() => {
      setCodeId('');
      setCodeText('');
      done('codes');
    });
  };
  const err = (field: string) =>
    error?.field === field ? (
      <span className="sm-error" role="alert" id={`time-${field}-error`} data-testid={`time-${field}-error`}>
        {error.text}
      </span>
    ) : null;

  return (
    <section className="card" aria-labelledby="time-heading" data-testid="options-time">
      <h2 id="time-heading">{t('options.time.heading')}</h2>
      <p className="sm-muted">{t('options.time.intro')}</p>
      <div className="row">
        <label className="field">
          <span>{t('options.time.breakMinutes')}</span>
          <input
            inputMode="numeric"
            value={breakMin}
            onChange={(e) => setBreakMin(e.target.value)}
            aria-invalid={error?.field === 'break'}
            aria-describedby={error?.field === 'break' ? 'time-break-error' : undefined}
            data-testid="time-break-minutes"
          />
        </label>
        <label className="field">
          <span>{t('options.time.lunchMinutes')}</span>
          <input
            inputMode="numeric"
            value={lunchMin}
            onChange={(e) => setLunchMin(e.target.value)}
            aria-invalid={error?.field === 'lunch'}
            aria-describedby={error?.field === 'lunch' ? 'time-lunch-error' : undefined}
            data-testid="time-lunch-minutes"
          />
        </label>
        <button type="button" onClick={saveSchedule} data-testid="time-save-schedule">
          {t('options.time.save')}
        </button>
        {saved === 'schedule' ? <span className="badge ok">{t('options.time.saved')}</span> : null}
      </div>
      {err('break')}
      {err('lunch')}

      <h3>{t('options.time.lockHeading')}</h3>
      <div className="row">
        <label className="field">
          <span>{t('options.time.lockAction')}</span>
          <select
            value={s.idleLock.action}
            onChange={(e) => saveLock(e.target.value as IdleLock['action'])}
            data-testid="time-lock-action"
          >
            {IDLE_LOCK_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`options.time.lock_${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('options.time.lockMinutes')}</span>
          <input
            inputMode="numeric"
            value={lockMin}
            onChange={(e) => setLockMin(e.target.value)}
            onBlur={() => saveLock(s.idleLock.action)}
            aria-invalid={error?.field === 'lock'}
            data-testid="time-lock-minutes"
          />
        </label>
        {saved === 'lock' ? <span className="badge ok">{t('options.time.saved')}</span> : null}
      </div>
      {err('lock')}
      <p className="sm-muted">{t('options.time.lockNote')}</p>

      <h3>{t('options.time.codesHeading')}</h3>
      <ul className="site-list" data-testid="time-codes">
        {BUILTIN_OTHER_CODES.map((c) => (
          <li key={c}>
            <span>{codeLabel(t, c)}</span>
            <code>{c}</code>
            <span className="spacer" />
            <span className="badge">{t('options.time.builtIn')}</span>
          </li>
        ))}
        {s.otherCodes.map((c) => (
          <li key={c.id} data-testid="time-custom-code">
            <span>{c.label}</span>
            <code>{c.id}</code>
            <span className="spacer" />
            <button
              type="button"
              onClick={() => void saveSettings({ otherCodes: s.otherCodes.filter((x) => x.id !== c.id) })}
              aria-label={t('options.time.removeCode', { code: c.label })}
            >
              {t('options.time.remove')}
            </button>
          </li>
        ))}
      </ul>
      <div className="row">
        <label className="field">
          <span>{t('options.time.codeLabel')}</span>
          <input value={codeText} onChange={(e) => setCodeText(e.target.value)} data-testid="time-code-label" />
        </label>
        <label className="field">
          <span>{t('options.time.codeId')}</span>
          <input
            value={codeId}
            onChange={(e) => setCodeId(e.target.value)}
            placeholder="e.g. qa-review"
            data-testid="time-code-id"
            onKeyDown={(e) => e.key === 'Enter' && addCode()}
          />
        </label>
        <button type="button" onClick={addCode} data-testid="time-add-code">
          {t('options.time.addCode')}
        </button>
      </div>
      {err('codeId')}
      {err('codeLabel')}

      <h3>{t('options.time.nameHeading')}</h3>
      <div className="row">
        <label className="field grow">
          <span>{t('options.time.agentName')}</span>
          <input
            value={name}
            maxLength={60}
            onChange={(e) => setName(e.target.value)}
            onBlur={() => void saveSettings({ agentName: name.trim() }).then(() => done('name'))}
            data-testid="time-agent-name"
          />
        </label>
        {saved === 'name' ? <span className="badge ok">{t('options.time.saved')}</span> : null}
      </div>
    </section>
  );
}
