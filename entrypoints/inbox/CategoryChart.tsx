import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type ChartData,
  type ChartOptions,
} from 'chart.js';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { CATEGORY_CATALOGUE, FEEDBACK_CATEGORIES } from '@/utils/feedback/categories';
import type { CategoryWeekTable } from '@/utils/feedback/aggregates';
import { bucketLabel } from './stamp';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';
Chart.defaults.color = '#5b6675';

/**
 * Items per week bucket, stacked by category: released cells only (a withheld cell draws no bar
 * and is counted nowhere). The table beside it has the same figures for screen readers.
 */
export function CategoryChart({ table }: { table: CategoryWeekTable }) {
  const { t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const data = useMemo<ChartData<'bar'>>(
    () => ({
      labels: table.buckets.map(bucketLabel),
      datasets: FEEDBACK_CATEGORIES.map((c) => ({
        label: t(CATEGORY_CATALOGUE[c].label),
        data: table.cells[c].map((v) => v ?? 0),
        backgroundColor: CATEGORY_CATALOGUE[c].color,
        stack: 'items',
        maxBarThickness: 56,
      })),
    }),
    [table, t],
  );
  const options = useMemo<ChartOptions<'bar'>>(
    () => ({
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        x: { stacked: true, grid: { display: false } },
        y: {
          stacked: true,
          beginAtZero: true,
          ticks: { precision: 0 },
          title: { display: true, text: t('feedback.inbox.chartAxis') },
        },
      },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
    }),
    [t],
  );
  useEffect(() => {
    if (!canvas.current) return;
    const c = new Chart(canvas.current, {
      type: 'bar',
      data: { labels: [], datasets: [] },
      options,
    } as ChartConfiguration<'bar'>);
    chart.current = c;
    return () => {
      c.destroy();
      chart.current = null;
    };
    // Made once; data and options are applied by the effect below.
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- see the comment above
  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data = data;
    c.options = options;
    c.update('none');
  }, [data, options]);
  return (
    <div className="inbox-chart">
      <canvas ref={canvas} role="img" aria-label={t('feedback.inbox.chartLabel')} data-testid="inbox-chart" />
    </div>
  );
}
