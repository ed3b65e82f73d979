import { memo, useCallback, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { deleteStateEvent, editStateEvent, insertStateEvent } from '@/utils/time/ledger-edits';
import { dayAt } from '@/utils/time/periods';
import type { LedgerState, StateEvent } from '@/utils/time/states';
import { ChangeRow } from './ChangeRow';
import { editErrorText, localInstant, StateFields, TimeField, type FieldErrors } from './CorrectionFields';
import { clockAt, instantOf } from './format';

/** The time a correction is made (the ledger refuses corrections in the future). */
const clockNow = (): number => Date.now();

/** Gives focus back to a row's Edit button once the row has re-rendered (after Save or Cancel). */
function focusRow(id: number, tries = 10): void {
  // A timer, not requestAnimationFrame (frames do not run while the tab is in the background);
  // retried because the live report may re-render the row just after the save.
  setTimeout(() => {
    const button = document.querySelector<HTMLElement>(`tr[data-id="${id}"] [data-testid="correction-edit"]`);
    button?.focus();
    if ((!button || document.activeElement !== button) && tries > 0) focusRow(id, tries - 1);
  }, 50);
}

/** Changes shown before "Show all". */
const FIRST_ROWS = 100;

interface Draft {
  time: string;
  state: LedgerState;
  code: string;
  errors: FieldErrors;
}

/**
 * The chosen day's state changes, for the agent to correct: change a row's time or state in
 * place, add a change they forgot, delete one (with Undo). Every correction is validated by the
 * ledger and recorded in the edit history.
 */
function CorrectionsView({
  day,
  events,
  onDeleted,
  onError,
}: {
  day: string;
  /** The day's ledger rows, in ledger order. */
  events: readonly StateEvent[];
  onDeleted: (row: StateEvent) => void;
  onError: (text: string) => void;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<(Draft & { id: number }) | null>(null);
  const [adding, setAdding] = useState<Draft>({ time: '', state: 'available', code: '', errors: {} });
  const [busy, setBusy] = useState(false);
  // A busy day has hundreds of changes; the first ones show at once, the rest on request (the row
  // being edited always shows).
  const [showAll, setShowAll] = useState(false);
  const shownEvents =
    showAll || events.length <= FIRST_ROWS
      ? events
      : events.filter((e, i) => i < FIRST_ROWS || (editing !== null && e.id === editing.id));
  const hidden = events.length - shownEvents.length;

  const startEdit = useCallback(
    (e: StateEvent) =>
      setEditing({ id: e.id!, time: clockAt(e.at, e.tz, true), state: e.state, code: e.code ?? '', errors: {} }),
    [],
  );

  async function saveEdit(ev: FormEvent, row: StateEvent) {
    ev.preventDefault();
    if (!editing) return;
    const at = instantOf(dayAt(row.at, row.tz), editing.time, row.tz);
    if (at === null) {
      setEditing({ ...editing, errors: { at: t('dashboard.errors.badTime') } });
      return;
    }
    setBusy(true);
    try {
      await editStateEvent(
        getDb(),
        row.id!,
        { at, state: editing.state, code: editing.state === 'other' ? editing.code : null },
        clockNow(),
      );
      setEditing(null);
      focusRow(row.id!);
    } catch (e) {
      const { field, text } = editErrorText(t, e);
      setEditing((d) => (d ? { ...d, errors: { [field]: text } } : d));
    } finally {
      setBusy(false);
    }
  }

  async function add(ev: FormEvent) {
    ev.preventDefault();
    const at = localInstant(day, adding.time);
    if (at === null) {
      setAdding({ ...adding, errors: { at: t('dashboard.errors.badTime') } });
      return;
    }
    setBusy(true);
    try {
      await insertStateEvent(
        getDb(),
        adding.state === 'other' ? { at, state: 'other', code: adding.code } : { at, state: adding.state },
        clockNow(),
      );
      setAdding({ time: '', state: adding.state, code: adding.code, errors: {} });
    } catch (e) {
      const { field, text } = editErrorText(t, e);
      setAdding((d) => ({ ...d, errors: { [field]: text } }));
    } finally {
      setBusy(false);
    }
  }

  const remove = useCallback(
    async (row: StateEvent) => {
      setBusy(true);
      try {
        onDeleted(await deleteStateEvent(getDb(), row.id!, clockNow()));
      } catch (e) {
        onError(editErrorText(t, e).text);
      } finally {
        setBusy(false);
      }
    },
    [onDeleted, onError, t],
  );

  return (
    <div className="dash-corrections" data-testid="corrections">
      {events.length === 0 ? (
        <p className="sm-muted dash-empty">{t('dashboard.corrections.empty')}</p>
      ) : (
        <div className="dash-changes">
          <table className="dash-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.corrections.time')}</th>
                <th scope="col">{t('dashboard.corrections.state')}</th>
                <th scope="col">{t('dashboard.corrections.source')}</th>
                <th scope="col">
                  <span className="sm-visually-hidden">{t('dashboard.corrections.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shownEvents.map((e) => {
                const draft = editing !== null && editing.id === e.id ? editing : null;
                return draft ? (
                  <tr key={e.id} className="editing" data-testid="correction-row" data-id={e.id}>
                    <td colSpan={4}>
                      <form
                        className="dash-edit-form"
                        onSubmit={(ev) => void saveEdit(ev, e)}
                        onKeyDown={(ev) => {
                          if (ev.key !== 'Escape') return;
                          setEditing(null);
                          focusRow(e.id!);
                        }}
                        aria-label={t('dashboard.corrections.editLabel', { time: clockAt(e.at, e.tz, true) })}
                      >
                        <TimeField
                          idPrefix={`edit-${e.id}`}
                          value={draft.time}
                          error={draft.errors.at}
                          autoFocus
                          onChange={(time) => setEditing({ ...draft, time })}
                        />
                        <StateFields
                          idPrefix={`edit-${e.id}`}
                          state={draft.state}
                          code={draft.code}
                          allowUnknown={e.state === 'unknown'}
                          errors={draft.errors}
                          onChange={(state, code) => setEditing({ ...draft, state, code })}
                        />
                        <span className="dash-edit-actions">
                          <button type="submit" className="primary" disabled={busy} data-testid="correction-save">
                            {t('dashboard.corrections.save')}
                          </button>
                          <button
                            type="button"
                            onClick={() => {
                              setEditing(null);
                              focusRow(e.id!);
                            }}
                            data-testid="correction-cancel"
                          >
                            {t('dashboard.corrections.cancel')}
                          </button>
                        </span>
                        {draft.errors.id ? (
                          <span className="sm-error dash-field-error" role="alert">
                            {draft.errors.id}
                          </span>
                        ) : null}
                      </form>
                    </td>
                  </tr>
                ) : (
                  <ChangeRow key={e.id} row={e} busy={busy} onEdit={startEdit} onDelete={remove} />
                );
              })}
            </tbody>
          </table>
          {hidden > 0 ? (
            <button
              type="button"
              className="dash-show-all"
              onClick={() => setShowAll(true)}
              data-testid="corrections-show-all"
            >
              {t('dashboard.corrections.showAll', { n: events.length })}
            </button>
          ) : null}
        </div>
      )}
      <form className="dash-add-form" onSubmit={(ev) => void add(ev)} data-testid="correction-add-form">
        <span className="dash-add-title">{t('dashboard.corrections.addTitle', { day })}</span>
        <TimeField
          idPrefix="add"
          value={adding.time}
          error={adding.errors.at}
          onChange={(time) => setAdding({ ...adding, time })}
        />
        <StateFields
          idPrefix="add"
          state={adding.state}
          code={adding.code}
          allowUnknown={false}
          errors={adding.errors}
          onChange={(state, code) => setAdding({ ...adding, state, code })}
        />
        <button type="submit" disabled={busy} data-testid="correction-add">
          {t('dashboard.corrections.add')}
        </button>
        {adding.errors.id ? <span className="sm-error dash-field-error">{adding.errors.id}</span> : null}
      </form>
    </div>
  );
}

/** {@link CorrectionsView}, re-rendered only when its props change (the page ticks every 30 s). */
export const Corrections = memo(CorrectionsView);
