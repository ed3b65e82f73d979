import { memo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '@/components/I18nProvider';
import { stateLabel } from '@/components/stateLabel';
import { getDb } from '@/utils/db';
import { localDay } from '@/utils/time/day';
import type { StateEdit } from '@/utils/time/states';
import { clockAt } from './format';
import { tzOffsetAt } from '@/utils/time/states';

/** Edits shown at most (the newest). */
const HISTORY_LIMIT = 100;

/** The agent's corrections that touched `day` (by the time before or after), newest first. */
function EditHistoryView({ day }: { day: string }) {
  const { t, settings, locale } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const edits = useLiveQuery(async () => {
    const all = await getDb().stateEdits.orderBy('editedAt').reverse().toArray();
    const touches = (s: StateEdit['before']) => s !== null && localDay(new Date(s.at)) === day;
    return all.filter((e) => touches(e.before) || touches(e.after)).slice(0, HISTORY_LIMIT);
  }, [day]);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const side = (s: StateEdit['before']) =>
    s ? `${clockAt(s.at, tzOffsetAt(s.at), true)} ${stateLabel(t, s, custom)}` : '—';

  if (edits === undefined) return <p className="sm-muted">{t('dashboard.loading')}</p>;
  if (edits.length === 0)
    return (
      <p className="sm-muted dash-empty" data-testid="edit-history-empty">
        {t('dashboard.history.empty')}
      </p>
    );
  return (
    <ol className="dash-history" data-testid="edit-history">
      {edits.map((e) => (
        <li key={e.id} data-testid="edit-history-row" data-action={e.action}>
          <span className="sm-muted dash-num">{when.format(new Date(e.editedAt))}</span>{' '}
          <strong>{t(`dashboard.history.actions.${e.action}`)}</strong>{' '}
          <span>
            {e.action === 'change'
              ? t('dashboard.history.fromTo', { before: side(e.before), after: side(e.after) })
              : side(e.after ?? e.before)}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** {@link EditHistoryView}, re-rendered only when its props change (the page ticks every 30 s). */
export const EditHistory = memo(EditHistoryView);
