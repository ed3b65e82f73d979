import { memo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { ReportRow } from '@/utils/time/export';
import { hMm, mSs } from '@/utils/time/format';
import { percent } from './format';

/** The report table (one row per day, then the total), the same rows the CSV export writes. */
function ReportTableView({ rows }: { rows: readonly ReportRow[] }) {
  const { t } = useI18n();
  return (
    <div className="dash-table-wrap">
      <table className="dash-table" data-testid="report-table">
        <thead>
          <tr>
            <th scope="col">{t('dashboard.csv.day')}</th>
            <th scope="col">{t('dashboard.cards.contacts')}</th>
            <th scope="col">{t('dashboard.cards.loggedIn')}</th>
            <th scope="col">{t('dashboard.cards.talk')}</th>
            <th scope="col">{t('dashboard.cards.hold')}</th>
            <th scope="col">{t('dashboard.cards.acw')}</th>
            <th scope="col">{t('dashboard.cards.aht')}</th>
            <th scope="col">{t('dashboard.cards.occupancy')}</th>
            <th scope="col">{t('dashboard.cards.break')}</th>
            <th scope="col">{t('dashboard.cards.lunch')}</th>
            <th scope="col">{t('dashboard.cards.unknown')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ day, metrics: m }) => (
            <tr key={day} className={day === 'total' ? 'total' : undefined} data-testid="report-row" data-day={day}>
              <th scope="row">{day === 'total' ? t('dashboard.csv.total') : day}</th>
              <td>{m.contacts}</td>
              <td>{hMm(m.loggedInMs)}</td>
              <td>{hMm(m.talkMs)}</td>
              <td>{hMm(m.holdMs)}</td>
              <td>{hMm(m.acwMs)}</td>
              <td>{m.ahtMs === null ? '–' : mSs(m.ahtMs)}</td>
              <td>{percent(m.occupancy)}</td>
              <td>{hMm(m.breakMs)}</td>
              <td>{hMm(m.lunchMs)}</td>
              <td>{hMm(m.unknownMs)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** {@link ReportTableView}, re-rendered only when its props change (the page ticks every 30 s). */
export const ReportTable = memo(ReportTableView);
