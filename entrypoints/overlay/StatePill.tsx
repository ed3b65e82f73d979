import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '@/components/I18nProvider';
import { StatePicker } from '@/components/StatePicker';
import { stateLabel } from '@/components/stateLabel';
import { useNow } from '@/components/useNow';
import { getDb } from '@/utils/db';
import { formatClock } from '@/utils/time/format';
import { stateTone } from '@/utils/time/state-catalogue';
import { currentStateEvent, elapsedInState } from '@/utils/time/ledger';

/** The agent's state and its running time, in the palette's search row; a click (or Alt+S) opens the menu. */
export function StatePill({ open, onToggle }: { open: boolean; onToggle: () => void }) {
  const { t, settings } = useI18n();
  const now = useNow(1000);
  const current = useLiveQuery(() => currentStateEvent(getDb()), []);
  return (
    <button
      type="button"
      className="state-pill"
      data-testid="overlay-state-pill"
      data-state={current?.state ?? 'none'}
      data-tone={stateTone(current?.state)}
      aria-expanded={open}
      aria-haspopup="true"
      title={t('overlay.stateHint')}
      tabIndex={-1}
      onClick={onToggle}
    >
      {current ? stateLabel(t, current, settings?.settings.otherCodes) : t('popup.noState')}
      {current ? <span className="elapsed">{formatClock(elapsedInState(current, now))}</span> : null}
    </button>
  );
}

/**
 * The state menu over the results: the same buttons as the popup, opened on the current state
 * once it has loaded (before that, Enter has nothing to act on). Esc goes back to the search.
 */
export function StateMenu({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const current = useLiveQuery(() => currentStateEvent(getDb()), []);
  return (
    <div
      className="state-menu"
      data-testid="overlay-state-menu"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          // Handled here only: the palette's window listener would close the palette.
          e.stopPropagation();
          onDone();
        }
      }}
    >
      <h2>{t('overlay.stateMenuTitle')}</h2>
      <StatePicker current={current} onPicked={onDone} autoFocus />
      <p className="sm-muted">{t('stateChange.menuHint')}</p>
    </div>
  );
}
