import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartData,
  type ChartOptions,
} from 'chart.js';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { addTotals, emptyTotals, finishMetrics, type DayRange, type Metrics } from '@/utils/time/metrics';
import type { Schedule } from '@/utils/settings';
import { isoWeek } from '@/utils/time/day';
import { hMm, mSs } from '@/utils/time/format';
import { BAR_STATES, STATE_CATALOGUE, stateColour } from '@/utils/time/state-catalogue';
import { addDays, dayCount } from './range';

// Only what the two charts use, for a small bundle.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';
Chart.defaults.color = '#5b6675';

/** Ranges longer than this are charted per ISO week instead of per day. */
export const WEEKLY_AFTER_DAYS = 62;

/** One bar / point of the charts: a day, or a week for long ranges. */
export interface ChartBucket {
  key: string;
  label: string;
  metrics: Metrics;
}

/** Days (every day of a short range, empty ones too) or ISO weeks (long ranges) with their figures. */
export function chartBuckets(
  range: DayRange,
  days: readonly { day: string; metrics: Metrics }[],
  schedule: Schedule,
  dayLabel: (day: string) => string,
): { weekly: boolean; buckets: ChartBucket[] } {
  const n = dayCount(range);
  if (n <= WEEKLY_AFTER_DAYS) {
    const byDay = new Map(days.map((d) => [d.day, d.metrics]));
    const buckets: ChartBucket[] = [];
    for (let i = 0; i < n; i++) {
      const day = addDays(range.from, i);
      buckets.push({
        key: day,
        label: dayLabel(day),
        metrics: byDay.get(day) ?? finishMetrics(emptyTotals(), schedule),
      });
    }
    return { weekly: false, buckets };
  }
  const weeks = new Map<string, ReturnType<typeof emptyTotals>>();
  for (const d of days) {
    const w = isoWeek(new Date(`${d.day}T12:00:00`));
    let tot = weeks.get(w);
    if (!tot) weeks.set(w, (tot = emptyTotals()));
    addTotals(tot, d.metrics);
  }
  return {
    weekly: true,
    buckets: [...weeks.entries()].map(([w, tot]) => ({ key: w, label: w, metrics: finishMetrics(tot, schedule) })),
  };
}

const HOURS = 3_600_000;

/** A chart.js chart on a canvas, created once and updated in place when its data change (also used by WellbeingStats). */
export function ChartCanvas({
  type,
  data,
  options,
  label,
  testId,
}: {
  type: 'bar' | 'line';
  data: ChartData<'bar' | 'line'>;
  options: ChartOptions<'bar' | 'line'>;
  label: string;
  testId: string;
}) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const chartRef = useRef<Chart<'bar' | 'line'> | null>(null);
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const config = { type, data: { labels: [], datasets: [] }, options } as ChartConfiguration<'bar' | 'line'>;
    const chart = new Chart(canvas, config);
    chartRef.current = chart;
    return () => {
      chart.destroy();
      chartRef.current = null;
    };
    // The chart is made once per type; data and options are applied by the effect below.
  }, [type]); // eslint-disable-line react-hooks/exhaustive-deps -- see the comment above
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    chart.data = data;
    chart.options = options;
    chart.update('none');
  }, [data, options]);
  return (
    <div className="dash-chart">
      <canvas ref={canvasRef} role="img" aria-label={label} data-testid={testId} />
    </div>
  );
}

/**
 * Daily (or weekly) stacked bars of where the time went, and the trend of AHT and occupancy.
 * The same figures are in the table below the charts, for screen readers and copying.
 */
function ChartsView({
  range,
  days,
  schedule,
}: {
  range: DayRange;
  days: readonly { day: string; metrics: Metrics }[];
  schedule: Schedule;
}) {
  const { t, locale } = useI18n();
  const dayFmt = useMemo(
    () => new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', weekday: 'short', timeZone: 'UTC' }),
    [locale],
  );
  const { weekly, buckets } = useMemo(
    () => chartBuckets(range, days, schedule, (d) => dayFmt.format(new Date(`${d}T00:00:00Z`))),
    [range, days, schedule, dayFmt],
  );

  const barData = useMemo<ChartData<'bar'>>(() => {
    return {
      labels: buckets.map((b) => b.label),
      datasets: BAR_STATES.map((s) => ({
        label: t(`states.${s}`),
        data: buckets.map((b) => {
          const total = STATE_CATALOGUE[s].total;
          return total ? b.metrics[total] / HOURS : 0;
        }),
        backgroundColor: stateColour(s),
        borderColor: '#ffffff',
        borderWidth: { top: 1, bottom: 0, left: 0, right: 0 },
        stack: 'time',
        maxBarThickness: 56,
      })),
    };
  }, [buckets, t]);
  const barOptions = useMemo<ChartOptions<'bar'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: t('dashboard.charts.hours') } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: { label: (c) => `${c.dataset.label ?? ''}: ${hMm((c.raw as number) * HOURS)}` },
        },
      },
    }),
    [t],
  );

  const trendData = useMemo<ChartData<'line'>>(
    () => ({
      labels: buckets.map((b) => b.label),
      datasets: [
        {
          label: t('dashboard.charts.ahtMin'),
          data: buckets.map((b) => (b.metrics.ahtMs === null ? null : b.metrics.ahtMs / 60_000)),
          borderColor: stateColour('talk'),
          backgroundColor: stateColour('talk'),
          yAxisID: 'y',
          spanGaps: true,
          tension: 0.2,
        },
        {
          label: t('dashboard.charts.occupancyPct'),
          data: buckets.map((b) => (b.metrics.occupancy === null ? null : b.metrics.occupancy * 100)),
          borderColor: stateColour('hold'),
          backgroundColor: stateColour('hold'),
          borderDash: [6, 4],
          pointStyle: 'rectRot',
          yAxisID: 'y1',
          spanGaps: true,
          tension: 0.2,
        },
      ],
    }),
    [buckets, t],
  );
  const trendOptions = useMemo<ChartOptions<'line'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false } },
        y: { beginAtZero: true, position: 'left', title: { display: true, text: t('dashboard.charts.ahtAxis') } },
        y1: {
          beginAtZero: true,
          max: 100,
          position: 'right',
          grid: { drawOnChartArea: false },
          title: { display: true, text: t('dashboard.charts.occupancyAxis') },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } },
        tooltip: {
          callbacks: {
            label: (c) =>
              c.datasetIndex === 0
                ? `${c.dataset.label ?? ''}: ${mSs((c.raw as number) * 60_000)}`
                : `${c.dataset.label ?? ''}: ${Math.round(c.raw as number)}%`,
          },
        },
      },
    }),
    [t],
  );

  return (
    <div className="dash-charts">
      <figure>
        <figcaption>{weekly ? t('dashboard.charts.barsWeekly') : t('dashboard.charts.barsDaily')}</figcaption>
        <ChartCanvas
          type="bar"
          data={barData as ChartData<'bar' | 'line'>}
          options={barOptions as ChartOptions<'bar' | 'line'>}
          label={weekly ? t('dashboard.charts.barsWeekly') : t('dashboard.charts.barsDaily')}
          testId="chart-bars"
        />
      </figure>
      <figure>
        <figcaption>{weekly ? t('dashboard.charts.trendWeekly') : t('dashboard.charts.trendDaily')}</figcaption>
        <ChartCanvas
          type="line"
          data={trendData as ChartData<'bar' | 'line'>}
          options={trendOptions as ChartOptions<'bar' | 'line'>}
          label={weekly ? t('dashboard.charts.trendWeekly') : t('dashboard.charts.trendDaily')}
          testId="chart-trend"
        />
      </figure>
    </div>
  );
}

/** {@link ChartsView}, re-rendered only when its props change (the page ticks every 30 s). */
export const Charts = memo(ChartsView);
