import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { download } from '@/components/download';
import { useI18n } from '@/components/I18nProvider';
import { codeLabel, stateLabel } from '@/components/stateLabel';
import { useNow } from '@/components/useNow';
import { getDb } from '@/utils/db';
import { DEFAULT_SCHEDULE } from '@/utils/settings';
import { localDay } from '@/utils/time/day';
import { reportCsv, reportJson } from '@/utils/time/export';
import { exportLedger } from '@/utils/time/ledger';
import { restoreStateEvent } from '@/utils/time/ledger-edits';
import { loadLedgerReport, loadRangeEvents } from '@/utils/time/ledger-report';
import { buildReport, reportTable } from '@/utils/time/metrics';
import { dayAt, type Period } from '@/utils/time/periods';
import type { StateEvent } from '@/utils/time/states';
import { Charts } from './Charts';
import { Corrections } from './Corrections';
import { EditHistory } from './EditHistory';
import { clockAt } from './format';
import { MetricCards } from './MetricCards';
import { addDays, isDay, presetRange, resolveRange, type RangeChoice } from './range';
import { RangePicker } from './RangePicker';
import { ReportTable } from './ReportTable';
import { Timeline } from './Timeline';
import { WellbeingStats } from './WellbeingStats';
import { Toast, useToast } from '@/components/Toast';

/**
 * When a report was on screen: `ms` from its start (`t0`, `performance.now()`) until the render it
 * caused was committed and the next frame painted (a timer as a fallback for a hidden tab, where
 * frames do not run), and `firstAt`, when the first report of this range (`key`) was painted. Later
 * runs (a state change, the day cache being written) repaint the figures; the first paint is what
 * the agent waited for.
 */
function useShown(key: string, t0: number | null): { ms: number | null; firstAt: number | null } {
  const [shown, setShown] = useState<{ t0: number; ms: number } | null>(null);
  const [first, setFirst] = useState<{ key: string; at: number } | null>(null);
  useEffect(() => {
    if (t0 === null) return;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const now = performance.now();
      setShown({ t0, ms: now - t0 });
      setFirst((f) => (f?.key === key ? f : { key, at: now }));
    };
    const frame = requestAnimationFrame(() => setTimeout(finish, 0));
    const fallback = setTimeout(finish, 1000);
    return () => {
      done = true;
      cancelAnimationFrame(frame);
      clearTimeout(fallback);
    };
  }, [key, t0]);
  return { ms: shown && shown.t0 === t0 ? shown.ms : null, firstAt: first?.key === key ? first.at : null };
}

/** The range to open with: `?from=YYYY-MM-DD&to=YYYY-MM-DD` in the address (a link), else today. */
function initialChoice(today: string): RangeChoice {
  const q = new URLSearchParams(location.search);
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? from;
  if (isDay(from) && isDay(to)) return { preset: 'custom', from, to };
  return { preset: 'today', ...presetRange('today', today) };
}

/**
 * "My time": the agent's own report over a range of days — figures with their formulas, a
 * timeline of one day, daily bars and trends, exports, and corrections to the ledger. Live: a
 * state change anywhere in Seatmate updates it.
 */
export function App() {
  const { t, locale, settings } = useI18n();
  const now = useNow(30_000);
  const today = localDay(new Date(now));
  const [choice, setChoice] = useState<RangeChoice>(() => initialChoice(today));
  const [pickedDay, setPickedDay] = useState<string | null>(() => new URLSearchParams(location.search).get('day'));
  const toast = useToast<StateEvent>();
  const { say, fail } = toast;
  const [backingUp, setBackingUp] = useState(false);
  const [tableOpen, setTableOpen] = useState(false);
  const custom = useMemo(() => settings?.settings.otherCodes ?? [], [settings]);
  const schedule = settings?.settings.schedule ?? DEFAULT_SCHEDULE;

  const resolved = useMemo(() => resolveRange(choice, today), [choice, today]);
  const range = 'error' in resolved ? null : resolved;
  const key = range ? `${range.from}|${range.to}` : '';
  // A range reaching today is recomputed each minute too (the open period keeps growing).
  const tick = range && range.to >= today ? Math.floor(now / 60_000) : 0;
  const data = useLiveQuery(async () => {
    if (!range) return null;
    const t0 = performance.now();
    try {
      // Short ranges are read row by row; long ones use the day-totals cache for closed days.
      const report = await loadLedgerReport(getDb(), range, Date.now(), schedule);
      return { key, report, t0, ms: performance.now() - t0, error: null };
    } catch (e) {
      return { key, report: null, t0, ms: performance.now() - t0, error: String(e) };
    }
    // `key` stands for `range` in the dependencies.
  }, [key, tick, schedule.breakMinutes, schedule.lunchMinutes]);
  const loading = data === undefined || (data !== null && data.key !== key);
  const report = data?.report ?? null;
  const shown = useShown(key, data && !data.error && data.key === key ? data.t0 : null);
  const shownMs = shown.ms;
  const rows = useMemo(() => (report ? reportTable(report) : []), [report]);

  const inRange = (d: string) => range !== null && d >= range.from && d <= range.to;
  const defaultDay = !range ? today : inRange(today) ? today : (report?.days.at(-1)?.day ?? range.to);
  const day = pickedDay && inRange(pickedDay) ? pickedDay : defaultDay;

  // The chosen day in full (timeline and corrections), read on its own: one day is cheap, and a
  // long range's report does not carry every period.
  const dayTick = day >= addDays(today, -1) ? tick : 0;
  // When the day shown depends on the report (the last day with data), wait for it: no wasted read.
  const dayKnown = (pickedDay !== null && inRange(pickedDay)) || inRange(today) || !loading;
  const dayData = useLiveQuery(async () => {
    if (!dayKnown) return null;
    const events = await loadRangeEvents(getDb(), { from: day, to: day });
    // The report's periods already hold each gap once (a gap inside a shift is in its session too).
    const { periods } = buildReport(events, { from: day, to: day }, Date.now(), schedule);
    return { day, periods, events: events.filter((e) => dayAt(e.at, e.tz) === day) };
  }, [day, dayKnown, dayTick, schedule.breakMinutes, schedule.lunchMinutes]);
  const dayPeriods = useMemo<Period[]>(() => dayData?.periods ?? [], [dayData]);
  const dayEvents = useMemo<StateEvent[]>(() => dayData?.events ?? [], [dayData]);

  const label = useCallback((code: string) => codeLabel(t, code, custom), [t, custom]);
  const fileBase = range ? `seatmate-my-time-${range.from}_${range.to}` : 'seatmate-my-time';
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });

  async function backup() {
    setBackingUp(true);
    try {
      const doc = await exportLedger(getDb(), Date.now());
      download(`seatmate-ledger-${localDay(new Date())}.json`, 'application/json', JSON.stringify(doc, null, 2) + '\n');
    } catch (e) {
      fail(t('dashboard.errors.other', { detail: String(e) }));
    } finally {
      setBackingUp(false);
    }
  }

  const onDeleted = useCallback(
    (row: StateEvent) =>
      say(
        t('dashboard.corrections.deleted', { time: clockAt(row.at, row.tz, true), state: stateLabel(t, row, custom) }),
        row,
      ),
    [t, custom, say],
  );
  const onError = fail;

  async function onUndo(row: StateEvent) {
    try {
      await restoreStateEvent(getDb(), row, Date.now());
      say(t('dashboard.corrections.restored'));
    } catch (e) {
      fail(t('dashboard.errors.other', { detail: String(e) }));
    }
  }

  return (
    <main className="dash-page">
      <header className="dash-header">
        <h1>{t('dashboard.heading')}</h1>
        <p className="sm-muted">{t('dashboard.intro')}</p>
      </header>

      <div className="dash-toolbar">
        <RangePicker
          choice={choice}
          today={today}
          error={'error' in resolved ? resolved.error : null}
          onChange={setChoice}
        />
        <div className="dash-toolbar-row">
          <span className="dash-status sm-muted" aria-live="polite" data-testid="dashboard-status">
            {range ? (
              <span data-testid="dashboard-range">
                {range.from === range.to ? range.from : `${range.from} – ${range.to}`}
              </span>
            ) : null}
            {loading ? (
              <span data-testid="dashboard-loading"> · {t('dashboard.loading')}</span>
            ) : data && !data.error ? (
              <span
                data-testid="dashboard-load-ms"
                data-ms={data.ms.toFixed(1)}
                data-shown-ms={shownMs?.toFixed(1)}
                data-shown-at={shownMs !== null ? (data.t0 + shownMs).toFixed(1) : undefined}
                data-first-shown-at={shown.firstAt?.toFixed(1)}
                data-rows={report?.eventCount ?? 0}
              >
                {' · '}
                {t('dashboard.loadedIn', {
                  ms: Math.round(shownMs ?? data.ms),
                  rows: new Intl.NumberFormat(locale).format(report?.eventCount ?? 0),
                })}
              </span>
            ) : null}
          </span>
          <span className="dash-exports">
            <button
              type="button"
              disabled={!report || loading}
              onClick={() => report && download(`${fileBase}.csv`, 'text/csv;charset=utf-8', reportCsv(rows, t, label))}
              data-testid="export-csv"
            >
              {t('dashboard.export.csv')}
            </button>
            <button
              type="button"
              disabled={!report || loading}
              onClick={() => report && download(`${fileBase}.json`, 'application/json', reportJson(report, Date.now()))}
              data-testid="export-json"
            >
              {t('dashboard.export.json')}
            </button>
            <button type="button" disabled={backingUp} onClick={() => void backup()} data-testid="export-backup">
              {backingUp ? t('dashboard.export.backingUp') : t('dashboard.export.backup')}
            </button>
          </span>
        </div>
      </div>

      {report && report.anomalies.length > 0 ? (
        <div className="dash-notice" role="note" data-testid="dashboard-anomalies">
          <strong>{t('dashboard.anomalies.title')}</strong>
          <ul>
            {report.anomalies.map((a) => (
              <li key={`${a.at}-${a.eventId ?? ''}`}>
                {t('dashboard.anomalies.clockBack', {
                  amount:
                    a.ms >= 60_000
                      ? t('dashboard.anomalies.minutes', { n: Math.round(a.ms / 60_000) })
                      : t('dashboard.anomalies.seconds', { n: Math.max(1, Math.round(a.ms / 1000)) }),
                  time: when.format(new Date(a.at)),
                })}
              </li>
            ))}
          </ul>
          <p className="sm-muted">{t('dashboard.anomalies.explain')}</p>
        </div>
      ) : null}

      {data?.error ? (
        <p className="sm-error" role="alert" data-testid="dashboard-error">
          {t('dashboard.errors.load', { detail: data.error })}
        </p>
      ) : null}

      <div className={loading ? 'dash-body stale' : 'dash-body'} aria-busy={loading}>
        {report ? (
          <>
            <MetricCards m={report.metrics} talkLastHourMs={report.talkLastHourMs} />

            <section className="dash-section" aria-labelledby="dash-timeline-h">
              <div className="dash-section-head">
                <h2 id="dash-timeline-h">{t('dashboard.timeline.heading')}</h2>
                <span className="dash-day-picker">
                  <button
                    type="button"
                    onClick={() => setPickedDay(addDays(day, -1))}
                    disabled={!range || day <= range.from}
                    aria-label={t('dashboard.day.previous')}
                    data-testid="day-previous"
                  >
                    ‹
                  </button>
                  <input
                    type="date"
                    value={day}
                    min={range?.from}
                    max={range?.to}
                    onChange={(e) => e.target.value && setPickedDay(e.target.value)}
                    aria-label={t('dashboard.day.label')}
                    data-testid="timeline-day"
                  />
                  <button
                    type="button"
                    onClick={() => setPickedDay(addDays(day, 1))}
                    disabled={!range || day >= range.to}
                    aria-label={t('dashboard.day.next')}
                    data-testid="day-next"
                  >
                    ›
                  </button>
                </span>
              </div>
              {dayData ? (
                <Timeline periods={dayPeriods} day={dayData.day} />
              ) : (
                <p className="sm-muted dash-empty">{t('dashboard.loading')}</p>
              )}
            </section>

            {range ? (
              <section className="dash-section" aria-labelledby="dash-charts-h">
                <h2 id="dash-charts-h">{t('dashboard.charts.heading')}</h2>
                <Charts range={range} days={report.days} schedule={schedule} />
                <details className="dash-details" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
                  <summary data-testid="report-table-toggle">{t('dashboard.charts.table')}</summary>
                  {/* Rendered only when open: a year is hundreds of rows nobody asked to see yet. */}
                  {tableOpen ? <ReportTable rows={rows} /> : null}
                </details>
              </section>
            ) : null}

            {range ? (
              <section className="dash-section" aria-labelledby="dash-wellbeing-h">
                <h2 id="dash-wellbeing-h">{t('wellbeing.stats.heading')}</h2>
                <p className="sm-muted dash-hint">{t('wellbeing.stats.intro')}</p>
                <WellbeingStats range={range} report={report} />
              </section>
            ) : null}

            <section className="dash-section" aria-labelledby="dash-corrections-h">
              <h2 id="dash-corrections-h">{t('dashboard.corrections.heading', { day })}</h2>
              <p className="sm-muted dash-hint">{t('dashboard.corrections.intro')}</p>
              <div className="dash-corrections-grid">
                {dayData ? (
                  <Corrections day={dayData.day} events={dayEvents} onDeleted={onDeleted} onError={onError} />
                ) : (
                  <p className="sm-muted dash-empty">{t('dashboard.loading')}</p>
                )}
                <div>
                  <h3>{t('dashboard.history.heading')}</h3>
                  <EditHistory day={day} />
                </div>
              </div>
            </section>
          </>
        ) : range && !data?.error ? (
          <p className="sm-muted dash-empty" data-testid="dashboard-loading-first">
            {t('dashboard.loading')}
          </p>
        ) : null}
      </div>

      <Toast
        toast={toast}
        onUndo={(undo) => void onUndo(undo)}
        testId="dashboard"
        undoLabel={t('dashboard.undo')}
        dismissLabel={t('dashboard.dismiss')}
      />
    </main>
  );
}
