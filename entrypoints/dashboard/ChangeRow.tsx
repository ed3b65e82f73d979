import { memo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { stateLabel } from '@/components/stateLabel';
import type { StateEvent } from '@/utils/time/states';
import { clockAt } from './format';

/** One state change with its Edit and Delete buttons (memoised: a day can have hundreds). */
export const ChangeRow = memo(function ChangeRow({
  row,
  busy,
  onEdit,
  onDelete,
}: {
  row: StateEvent;
  busy: boolean;
  onEdit: (row: StateEvent) => void;
  onDelete: (row: StateEvent) => Promise<void>;
}) {
  const { t, settings } = useI18n();
  const time = clockAt(row.at, row.tz, true);
  return (
    <tr data-testid="correction-row" data-id={row.id} data-state={row.state}>
      <td className="dash-num">{time}</td>
      <td>{stateLabel(t, row, settings?.settings.otherCodes ?? [])}</td>
      <td className="sm-muted">{t(`dashboard.sources.${row.source}`)}</td>
      <td className="dash-row-actions">
        <button
          type="button"
          onClick={() => onEdit(row)}
          disabled={busy}
          aria-label={t('dashboard.corrections.editLabel', { time })}
          data-testid="correction-edit"
        >
          {t('dashboard.corrections.edit')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => void onDelete(row)}
          disabled={busy}
          aria-label={t('dashboard.corrections.deleteLabel', { time })}
          data-testid="correction-delete"
        >
          {t('dashboard.corrections.delete')}
        </button>
      </td>
    </tr>
  );
});
