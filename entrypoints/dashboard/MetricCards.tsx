import { memo, useId, type ReactNode } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { codeLabel } from '@/components/stateLabel';
import type { Metrics } from '@/utils/time/metrics';
import { hMm, mSs } from '@/utils/time/format';
import { percent } from './format';

/** One figure: its label, value, the formula on hover and focus, and optional detail below. */
function Card({
  id,
  label,
  value,
  raw,
  unit,
  formula,
  children,
  tone,
}: {
  id: string;
  label: string;
  value: string;
  /** The exact figure behind the value (ms, ratio or count), for automation. */
  raw: number | null;
  unit?: string;
  formula: string;
  children?: ReactNode;
  tone?: 'warn';
}) {
  const long = value.length > 9;
  const tipId = useId();
  return (
    <div
      className={tone ? `dash-card ${tone}` : 'dash-card'}
      tabIndex={0}
      aria-describedby={tipId}
      data-testid={`metric-${id}`}
    >
      <div className="dash-card-label">{label}</div>
      <div
        className={long ? 'dash-card-value long' : 'dash-card-value'}
        data-testid={`metric-${id}-value`}
        data-value={raw ?? ''}
      >
        {value}
        {unit ? <span className="dash-card-unit"> {unit}</span> : null}
      </div>
      {children}
      <div className="dash-tip" role="tooltip" id={tipId}>
        {formula}
      </div>
    </div>
  );
}

/** Used against allowed, as a bar; going over is shown plainly but kindly. */
function Allowance({ id, usedMs, allowedMs }: { id: string; usedMs: number; allowedMs: number }) {
  const { t } = useI18n();
  const over = usedMs - allowedMs;
  const ratio = allowedMs > 0 ? usedMs / allowedMs : usedMs > 0 ? 1 : 0;
  return (
    <div className="dash-allowance">
      <div
        className={over > 0 ? 'dash-bar over' : 'dash-bar'}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={Math.round(allowedMs / 60_000)}
        aria-valuenow={Math.round(usedMs / 60_000)}
        aria-label={t('dashboard.cards.allowanceBar')}
      >
        <span style={{ width: `${Math.min(100, ratio * 100)}%` }} />
      </div>
      <div
        className={over > 0 ? 'dash-allowance-note over' : 'dash-allowance-note sm-muted'}
        data-testid={`metric-${id}-note`}
      >
        {over > 0
          ? t('dashboard.cards.over', { over: hMm(over) })
          : t('dashboard.cards.left', { left: hMm(allowedMs - usedMs) })}
      </div>
    </div>
  );
}

/** The report's figures as cards; each shows its formula on hover and keyboard focus. */
function MetricCardsView({ m, talkLastHourMs }: { m: Metrics; talkLastHourMs: number }) {
  const { t, settings, locale } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const count = new Intl.NumberFormat(locale);
  const hm = t('dashboard.units.hm');
  const ms = t('dashboard.units.ms');
  const avg = (v: number | null) => (v === null ? '–' : mSs(v));
  const pair = (average: number | null) => (
    <div className="dash-card-sub sm-muted">{t('dashboard.cards.average', { value: avg(average) })}</div>
  );
  const otherCodes = Object.entries(m.otherByCode).sort((a, b) => b[1] - a[1]);
  return (
    <section className="dash-cards" aria-label={t('dashboard.cards.heading')} data-testid="dashboard-cards">
      <Card
        id="contacts"
        label={t('dashboard.cards.contacts')}
        value={count.format(m.contacts)}
        raw={m.contacts}
        formula={t('dashboard.formulas.contacts')}
      />
      <Card
        id="aht"
        label={t('dashboard.cards.aht')}
        value={avg(m.ahtMs)}
        raw={m.ahtMs}
        unit={ms}
        formula={t('dashboard.formulas.aht')}
      />
      <Card
        id="occupancy"
        label={t('dashboard.cards.occupancy')}
        value={percent(m.occupancy)}
        raw={m.occupancy}
        formula={t('dashboard.formulas.occupancy')}
      />
      <Card
        id="contactsPerHour"
        label={t('dashboard.cards.contactsPerHour')}
        value={m.contactsPerHour === null ? '–' : m.contactsPerHour.toFixed(1)}
        raw={m.contactsPerHour}
        formula={t('dashboard.formulas.contactsPerHour')}
      />
      <Card
        id="loggedIn"
        label={t('dashboard.cards.loggedIn')}
        value={hMm(m.loggedInMs)}
        raw={m.loggedInMs}
        unit={hm}
        formula={t('dashboard.formulas.loggedIn')}
      >
        <div className="dash-card-sub sm-muted">{t('dashboard.cards.shifts', { count: m.shifts })}</div>
      </Card>
      <Card
        id="talk"
        label={t('dashboard.cards.talk')}
        value={hMm(m.talkMs)}
        raw={m.talkMs}
        unit={hm}
        formula={t('dashboard.formulas.talk')}
      >
        {pair(m.avgTalkMs)}
      </Card>
      <Card
        id="hold"
        label={t('dashboard.cards.hold')}
        value={hMm(m.holdMs)}
        raw={m.holdMs}
        unit={hm}
        formula={t('dashboard.formulas.hold')}
      >
        {pair(m.avgHoldMs)}
      </Card>
      <Card
        id="acw"
        label={t('dashboard.cards.acw')}
        value={hMm(m.acwMs)}
        raw={m.acwMs}
        unit={hm}
        formula={t('dashboard.formulas.acw')}
      >
        {pair(m.avgAcwMs)}
      </Card>
      <Card
        id="break"
        label={t('dashboard.cards.break')}
        value={t('dashboard.cards.usedOf', { used: hMm(m.breakMs), allowed: hMm(m.breakAllowanceMs) })}
        raw={m.breakMs}
        unit={hm}
        formula={t('dashboard.formulas.break', { shifts: m.shifts })}
        tone={m.breakMs > m.breakAllowanceMs ? 'warn' : undefined}
      >
        <Allowance id="break" usedMs={m.breakMs} allowedMs={m.breakAllowanceMs} />
      </Card>
      <Card
        id="lunch"
        label={t('dashboard.cards.lunch')}
        value={t('dashboard.cards.usedOf', { used: hMm(m.lunchMs), allowed: hMm(m.lunchAllowanceMs) })}
        raw={m.lunchMs}
        unit={hm}
        formula={t('dashboard.formulas.lunch', { shifts: m.shifts })}
        tone={m.lunchMs > m.lunchAllowanceMs ? 'warn' : undefined}
      >
        <Allowance id="lunch" usedMs={m.lunchMs} allowedMs={m.lunchAllowanceMs} />
      </Card>
      <Card
        id="longestWithoutBreak"
        label={t('dashboard.cards.longestWithoutBreak')}
        value={hMm(m.longestWithoutBreakMs)}
        raw={m.longestWithoutBreakMs}
        unit={hm}
        formula={t('dashboard.formulas.longestWithoutBreak')}
      />
      <Card
        id="talkLastHour"
        label={t('dashboard.cards.talkLastHour')}
        value={mSs(talkLastHourMs)}
        raw={talkLastHourMs}
        unit={ms}
        formula={t('dashboard.formulas.talkLastHour')}
      />
      {m.otherMs > 0 ? (
        <Card
          id="other"
          label={t('dashboard.cards.other')}
          value={hMm(m.otherMs)}
          raw={m.otherMs}
          unit={hm}
          formula={t('dashboard.formulas.other')}
        >
          <ul className="dash-card-list sm-muted">
            {otherCodes.map(([code, v]) => (
              <li key={code}>
                {codeLabel(t, code, custom)} {hMm(v)}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      {m.unknownMs > 0 ? (
        <Card
          id="unknown"
          label={t('dashboard.cards.unknown')}
          value={hMm(m.unknownMs)}
          raw={m.unknownMs}
          unit={hm}
          formula={t('dashboard.formulas.unknown')}
        />
      ) : null}
    </section>
  );
}

/** {@link MetricCardsView}, re-rendered only when its props change (the page ticks every 30 s). */
export const MetricCards = memo(MetricCardsView);
