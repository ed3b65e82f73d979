import type { ChartData, ChartOptions } from 'chart.js';
import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useMemo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { useWellbeingSettings } from '@/components/useWellbeingSettings';
import { getDb } from '@/utils/db';
import { hMm } from '@/utils/time/format';
import type { DayRange, LedgerReport } from '@/utils/time/metrics';
import { tzOffsetAt } from '@/utils/time/states';
import { PROMPT_CATALOGUE, PROMPT_KINDS } from '@/utils/wellbeing/catalogue';
import { MOODS } from '@/utils/wellbeing/mood';
import { WELLBEING_OUTCOMES } from '@/utils/wellbeing/records';
import { wellbeingStats } from '@/utils/wellbeing/stats';
import { loadWellbeingRows } from '@/utils/wellbeing/store';
import { ChartCanvas } from './Charts';
import { addDays } from './range';

const DAY = 86_400_000;
/** Rows are read with this much margin either side of the range (any time zone's day). */
const MARGIN = 16 * 3_600_000;

/** A figure of the wellbeing section. */
function Stat({ id, label, value, sub }: { id: string; label: string; value: string; sub?: string }) {
  return (
    <div className="dash-card wb-stat" data-testid={`wellbeing-stat-${id}`}>
      <span className="dash-card-label">{label}</span>
      <span className="dash-card-value" data-testid={`wellbeing-stat-${id}-value`}>
        {value}
      </span>
      {sub ? <span className="dash-card-sub sm-muted">{sub}</span> : null}
    </div>
  );
}

/**
 * My time → Wellbeing: prompts shown, taken, snoozed and skipped; breaks against the schedule; the
 * longest stretch without a break; voice load by hour; tough calls; the mood trend. Private: it
 * never leaves the browser.
 */
function WellbeingStatsView({ range, report }: { range: DayRange; report: LedgerReport }) {
  const { t, locale } = useI18n();
  const wb = useWellbeingSettings();
  const rows = useLiveQuery(
    () =>
      loadWellbeingRows(
        getDb(),
        Date.parse(`${range.from}T00:00:00Z`) - MARGIN,
        Date.parse(`${addDays(range.to, 1)}T00:00:00Z`) + MARGIN,
      ),
    [range.from, range.to],
  );
  const stats = useMemo(
    () =>
      rows && wb
        ? wellbeingStats({
            report,
            history: rows,
            breaks: wb.settings.breaks,
            fallbackTz: tzOffsetAt(Date.parse(`${range.to}T12:00:00Z`)),
          })
        : null,
    [rows, wb, report, range.to],
  );
  const dayFmt = useMemo(
    () => new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', timeZone: 'UTC' }),
    [locale],
  );
  const moodData = useMemo<ChartData<'line'>>(
    () => ({
      labels: (stats?.mood ?? []).map((d) => dayFmt.format(new Date(Date.parse(`${d.day}T00:00:00Z`)))),
      datasets: [
        {
          label: t('wellbeing.stats.moodAverage'),
          data: (stats?.mood ?? []).map((d) => Math.round(d.average * 10) / 10),
          borderColor: '#0f766e',
          backgroundColor: '#0f766e',
          tension: 0.25,
        },
      ],
    }),
    [stats, dayFmt, t],
  );
  const moodOptions = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } }, x: { grid: { display: false } } },
      plugins: { legend: { display: false } },
    }),
    [],
  );
  const days = Math.max(1, stats?.shiftDays ?? 1);
  const voiceData = useMemo<ChartData<'bar'>>(
    () => ({
      labels: Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}`),
      datasets: [
        {
          label: t('wellbeing.stats.voicePerHour'),
          data: (stats?.voiceByHour ?? []).map((ms) => Math.round(ms / days / 6_000) / 10),
          backgroundColor: '#0072b2',
          maxBarThickness: 28,
        },
      ],
    }),
    [stats, days, t],
  );
  const voiceOptions = useMemo<ChartOptions<'bar'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: { beginAtZero: true, suggestedMax: 60, title: { display: true, text: t('wellbeing.stats.minutes') } },
        x: { grid: { display: false }, title: { display: true, text: t('wellbeing.stats.hourOfDay') } },
      },
      plugins: { legend: { display: false } },
    }),
    [t],
  );
  if (!stats) return <p className="sm-muted dash-empty">{t('dashboard.loading')}</p>;
  const b = stats.breaks;
  return (
    <div
      data-testid="wellbeing-stats"
      data-days={Math.round((Date.parse(range.to) - Date.parse(range.from)) / DAY) + 1}
    >
      <div className="dash-cards">
        <Stat id="shown" label={t('wellbeing.stats.shown')} value={String(stats.totals.shown)} />
        <Stat id="done" label={t('wellbeing.stats.done')} value={String(stats.totals.done)} />
        <Stat id="snoozed" label={t('wellbeing.stats.snoozed')} value={String(stats.totals.snoozed)} />
        <Stat id="skipped" label={t('wellbeing.stats.skipped')} value={String(stats.totals.skipped)} />
        <Stat
          id="breaks"
          label={t('wellbeing.stats.breaks')}
          value={b.scheduled > 0 ? t('wellbeing.stats.takenOf', { taken: b.taken, scheduled: b.scheduled }) : '—'}
          sub={
            b.scheduled > 0
              ? t('wellbeing.stats.breaksSub', { onTime: b.onTime, unscheduled: b.unscheduled })
              : t('wellbeing.stats.noSchedule')
          }
        />
        <Stat
          id="longest"
          label={t('wellbeing.stats.longest')}
          value={hMm(stats.longestWithoutBreakMs)}
          sub={t('wellbeing.stats.hm')}
        />
        <Stat
          id="peak-voice"
          label={t('wellbeing.stats.peakVoice')}
          value={String(Math.round(stats.peakHourTalkMs / 60_000))}
          sub={t('wellbeing.stats.minutesInHour')}
        />
        <Stat id="tough" label={t('wellbeing.stats.tough')} value={String(stats.toughCalls)} />
      </div>
      <div className="dash-charts">
        <figure>
          <figcaption>{t('wellbeing.stats.moodChart')}</figcaption>
          {stats.mood.length > 0 ? (
            <ChartCanvas
              type="line"
              data={moodData as ChartData<'bar' | 'line'>}
              options={moodOptions as ChartOptions<'bar' | 'line'>}
              label={t('wellbeing.stats.moodChart')}
              testId="wellbeing-mood-chart"
            />
          ) : (
            <p className="sm-muted dash-empty" data-testid="wellbeing-mood-empty">
              {t('wellbeing.stats.noMood')}
            </p>
          )}
          <ul className="wb-mood-days" data-testid="wellbeing-mood-days">
            {stats.mood.map((d) => (
              <li key={d.day} data-day={d.day} data-average={d.average}>
                {d.day}: {t('wellbeing.stats.moodDay', { average: d.average.toFixed(1), count: d.count })}
              </li>
            ))}
          </ul>
          {stats.moodWeeks.length > 0 ? (
            <table className="wb-mood-weeks" data-testid="wellbeing-mood-weeks">
              <caption>{t('wellbeing.stats.moodWeeks')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('wellbeing.stats.week')}</th>
                  {MOODS.map((m) => (
                    <th key={m} scope="col">
                      {m}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stats.moodWeeks.map((w) => (
                  <tr key={w.week} data-week={w.week}>
                    <th scope="row">{w.week}</th>
                    {MOODS.map((m) => (
                      <td key={m} data-mood={m}>
                        {w.counts[m]}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </figure>
        <figure>
          <figcaption>{t('wellbeing.stats.voiceChart', { days: stats.shiftDays })}</figcaption>
          <ChartCanvas
            type="bar"
            data={voiceData as ChartData<'bar' | 'line'>}
            options={voiceOptions as ChartOptions<'bar' | 'line'>}
            label={t('wellbeing.stats.voiceChart', { days: stats.shiftDays })}
            testId="wellbeing-voice-chart"
          />
        </figure>
      </div>
      <details className="dash-details">
        <summary>{t('wellbeing.stats.byPrompt')}</summary>
        <table className="wb-prompt-table" data-testid="wellbeing-prompt-table">
          <thead>
            <tr>
              <th scope="col">{t('wellbeing.stats.prompt')}</th>
              {WELLBEING_OUTCOMES.map((o) => (
                <th key={o} scope="col">
                  {t(`wellbeing.stats.${o}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {PROMPT_KINDS.map((k) => (
              <tr key={k} data-kind={k}>
                <th scope="row">{t(PROMPT_CATALOGUE[k].labelKey)}</th>
                {WELLBEING_OUTCOMES.map((o) => (
                  <td key={o}>{stats.prompts[k][o]}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}

/** {@link WellbeingStatsView}, re-rendered only when its props change (the page ticks every 30 s). */
export const WellbeingStats = memo(WellbeingStatsView);
