import { describe, expect, it } from 'vitest';
import { derivePeriods } from '@/utils/time/periods';
import type { StateEvent } from '@/utils/time/states';
import type { WellbeingEvent } from '@/utils/wellbeing/records';
import { answerRows, parseToastView, pauseRow, pruneToast, withDelivery } from '@/utils/wellbeing/toast';
import { ask, at, history, ledger, only, settings, TZ } from '../fixtures/wellbeing';

/** The toast after the scheduler's delivery at minute `m`. */
function toastAt(events: StateEvent[], m: number) {
  const s = only('eyes', 'posture');
  s.prompts.posture.minutes = 21;
  const r = ask(events, [], m, s);
  return { view: withDelivery(null, r.delivery!, s), s };
}

const ctx = (events: StateEvent[], rows: WellbeingEvent[], m: number) => ({
  settings: settings(),
  periods: derivePeriods(
    events.filter((e) => e.at <= at(m)),
    at(m),
  ),
  history: rows,
  now: at(m),
});

describe('the wellbeing toast', () => {
  const events = ledger([0, 'available'], [30, 'talk'], [40, 'acw']);

  it('holds the prompts delivered together, in catalogue order, and survives storage', () => {
    const { view } = toastAt(events, 21);
    expect(view.prompts.map((p) => p.kind)).toEqual(['eyes', 'posture']);
    expect(view.prompts.every((p) => p.shownAt === at(21))).toBe(true);
    expect(parseToastView(JSON.parse(JSON.stringify(view)))).toEqual(view);
    expect(parseToastView({ ...view, prompts: [{ kind: 'nope', shownAt: 1 }] })).toBeNull();
  });

  it('is gone during a call, and a call since it was shown keeps it gone afterwards', () => {
    const { view } = toastAt(events, 21);
    expect(pruneToast(view, ctx(events, [], 25))).not.toBeNull();
    expect(pruneToast(view, ctx(events, [], 31))).toBeNull();
    expect(pruneToast(view, ctx(events, [], 41))).toBeNull();
  });

  it('loses what the agent answered: snooze records one row per prompt', () => {
    const { view } = toastAt(events, 21);
    const rows = answerRows(view, 'snoozed', at(22), TZ)!;
    expect(rows.map((r) => `${r.kind}/${r.outcome}`)).toEqual(['eyes/snoozed', 'posture/snoozed']);
    const h = history(...rows.map((r) => [22, r] as [number, WellbeingEvent]));
    expect(pruneToast(view, ctx(events, h, 22.5))).toBeNull();
    // No snooze left this hour: refused, nothing recorded.
    expect(answerRows({ ...view, snoozesLeft: 0 }, 'snoozed', at(22), TZ)).toBeNull();
  });

  it('answers only the prompts the agent saw: one that joined at the click stays, to be seen', () => {
    const { view } = toastAt(events, 21);
    const seen = view.prompts.filter((p) => p.kind === 'eyes').map(({ kind }) => ({ kind }));
    const rows = answerRows(view, 'snoozed', at(22), TZ, seen)!;
    expect(rows.map((r) => `${r.kind}/${r.outcome}`)).toEqual(['eyes/snoozed']);
    const h = history(...rows.map((r) => [22, r] as [number, WellbeingEvent]));
    expect(pruneToast(view, ctx(events, h, 22.5))?.prompts.map((p) => p.kind)).toEqual(['posture']);
    // A prompt shown again since the agent looked (a new shownAt) is still the one they answered.
    const again = { ...view, prompts: view.prompts.map((p) => ({ ...p, shownAt: p.shownAt + 60_000 })) };
    expect(answerRows(again, 'skipped', at(22), TZ, [{ kind: 'posture' }])?.map((r) => r.kind)).toEqual(['posture']);
    // A break prompt is told apart by its break; nothing seen, nothing answered.
    expect(answerRows(view, 'done', at(22), TZ, [{ kind: 'eyes', ref: 5 }])).toBeNull();
    expect(answerRows(view, 'done', at(22), TZ, [])).toBeNull();
  });

  it('goes when reminders are paused, and a pause is bounded', () => {
    const { view } = toastAt(events, 21);
    const h = history([22, pauseRow(30, at(22), TZ)]);
    expect(pruneToast(view, ctx(events, h, 23))).toBeNull();
    expect(pauseRow(0, at(22), TZ)).toMatchObject({ kind: 'pause', outcome: 'resumed' });
    expect(() => pauseRow(-1, at(22), TZ)).toThrow(/Invalid pause/);
    expect(() => pauseRow(100_000, at(22), TZ)).toThrow(/Invalid pause/);
  });
});
