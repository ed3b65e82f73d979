import { memo, useCallback, useState, type FormEvent } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { allOtherCodes, codeLabel, stateLabel } from '@/components/stateLabel';
import type { Translate } from '@/utils/i18n';
import { getDb } from '@/utils/db';
import {
  deleteStateEvent,
  editStateEvent,
  insertStateEvent,
  LedgerEditError,
  type LedgerEditReason,
} from '@/utils/time/ledger-edits';
import { dayAt } from '@/utils/time/periods';
import { AGENT_STATES, tzOffsetAt, type LedgerState, type StateEvent } from '@/utils/time/states';
import { clockAt, instantOf } from './format';

/** Which field a correction error belongs to (`id`: the row as a whole). */
type ErrorField = 'at' | 'state' | 'code' | 'id';
type FieldErrors = Partial<Record<ErrorField, string>>;

/** The agent's language for a refused correction. */
export function editErrorText(t: Translate, e: unknown): { field: ErrorField; text: string } {
  if (!(e instanceof LedgerEditError)) return { field: 'id', text: t('dashboard.errors.other', { detail: String(e) }) };
  const texts: Record<LedgerEditReason, () => string> = {
    future: () => t('dashboard.errors.future'),
    'same-time': () => t('dashboard.errors.sameTime'),
    order: () => t('dashboard.errors.order'),
    gone: () => t('dashboard.errors.gone'),
    'bad-time': () => t('dashboard.errors.badTime'),
    code: () => t('dashboard.errors.code'),
    invalid: () => t('dashboard.errors.other', { detail: e.message }),
  };
  const text = texts[e.reason]();
  return { field: e.field, text };
}

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

/** The local instant of `HH:MM[:SS]` on `day` in this browser's time zone (new rows), or null. */
function localInstant(day: string, time: string): number | null {
  const guess = instantOf(day, time, 0);
  if (guess === null) return null;
  // Two passes settle the offset even on a day when it changes (DST).
  const first = instantOf(day, time, tzOffsetAt(guess))!;
  return instantOf(day, time, tzOffsetAt(first));
}

/** A state picker: the state, and for `other` its code. */
function StateFields({
  idPrefix,
  state,
  code,
  allowUnknown,
  errors,
  onChange,
}: {
  idPrefix: string;
  state: LedgerState;
  code: string;
  allowUnknown: boolean;
  errors: FieldErrors;
  onChange: (state: LedgerState, code: string) => void;
}) {
  const { t, settings } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const states: LedgerState[] = allowUnknown ? [...AGENT_STATES, 'unknown'] : [...AGENT_STATES];
  return (
    <>
      <span className="dash-field">
        <select
          aria-label={t('dashboard.corrections.state')}
          value={state}
          onChange={(e) => onChange(e.target.value as LedgerState, code || allOtherCodes(custom)[0]!)}
          aria-invalid={errors.state ? true : undefined}
          aria-describedby={errors.state ? `${idPrefix}-state-err` : undefined}
          data-testid="correction-state"
        >
          {states.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
        {errors.state ? (
          <span className="sm-error dash-field-error" id={`${idPrefix}-state-err`} data-testid="correction-state-error">
            {errors.state}
          </span>
        ) : null}
      </span>
      {state === 'other' ? (
        <span className="dash-field">
          <select
            aria-label={t('dashboard.corrections.code')}
            value={code}
            onChange={(e) => onChange(state, e.target.value)}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={errors.code ? `${idPrefix}-code-err` : undefined}
            data-testid="correction-code"
          >
            {allOtherCodes(custom).map((c) => (
              <option key={c} value={c}>
                {codeLabel(t, c, custom)}
              </option>
            ))}
          </select>
          {errors.code ? (
            <span className="sm-error dash-field-error" id={`${idPrefix}-code-err`}>
              {errors.code}
            </span>
          ) : null}
        </span>
      ) : null}
    </>
  );
}

/** A time field (`HH:MM:SS`) with its error beside it. */
function TimeField({
  idPrefix,
  value,
  error,
  onChange,
  autoFocus,
}: {
  idPrefix: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className="dash-field">
      <input
        type="time"
        step={1}
        required
        value={value}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        aria-label={t('dashboard.corrections.time')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${idPrefix}-at-err` : undefined}
        data-testid="correction-time"
      />
      {error ? (
        <span className="sm-error dash-field-error" id={`${idPrefix}-at-err`} data-testid="correction-time-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** One state change with its Edit and Delete buttons (memoised: a day can have hundreds). */
const ChangeRow = memo(function ChangeRow({
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
