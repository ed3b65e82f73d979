import { z } from 'zod';
import type { Period } from '../time/periods';
import { LIVE_CALL_STATES, LOGGED_OUT_STATES } from '../time/states';
import { PROMPT_KINDS, type PromptKind } from './catalogue';
import { BREAK_END_GRACE_MS, BREAK_SOON_GRACE_MS, currentBreakPeriod } from './due';
import { pauseState, rowTime, snoozesLeft } from './history';
import {
  checkWellbeingRow,
  isPromptRow,
  MAX_PAUSE_MINUTES,
  type PromptOutcome,
  type SeenPrompt,
  type WellbeingEvent,
} from './records';
import type { Delivery } from './scheduler';
import type { WellbeingSettings } from './settings';
import { breathingOffer } from './tough';

/**
 * The one calm toast on the console page (pure). A delivery of the scheduler becomes a toast view;
 * the view is then kept current from the ledger and the prompt history: what the agent answered
 * leaves it, and it is gone the moment a call starts (it never comes back after the call: the
 * prompts in it were shown, and their timers started again). The background stores the view in
 * session storage; the toast frame shows it.
 */

/** An unanswered toast goes away after this long (its prompts count as shown, not taken). */
export const TOAST_TTL_MS = 30 * 60_000;

const instant = z.number().int().nonnegative();

/** One prompt in the toast: what the delivery said about it, and when it was shown. */
export const toastPromptSchema = z.object({
  kind: z.enum(PROMPT_KINDS),
  shownAt: instant,
  ref: instant.optional(),
  talkMs: z.number().int().nonnegative().max(3_600_000).optional(),
  breakKind: z.enum(['break', 'lunch']).optional(),
  breakAt: instant.optional(),
  endsAt: instant.optional(),
});
export type ToastPrompt = z.infer<typeof toastPromptSchema>;

/** What the toast shows. */
export const toastViewSchema = z.object({
  prompts: z.array(toastPromptSchema).max(PROMPT_KINDS.length * 2),
  checkIn: z.object({ phase: z.enum(['start', 'end']), shownAt: instant }).nullable(),
  /** The paced-breathing offer after a tough call (`ref`: that call's start). */
  breathing: z.object({ ref: instant, shownAt: instant }).nullable(),
  /** Snoozes still allowed this hour (0: no Snooze button), and how long one lasts. */
  snoozesLeft: z.number().int().nonnegative(),
  snoozeMinutes: z.number().int().positive(),
  /** Play the soft sound / show a system notification (from the settings, at delivery). */
  sound: z.boolean(),
  notification: z.boolean(),
});
export type ToastView = z.infer<typeof toastViewSchema>;

/** Reads a stored view; anything damaged reads as no toast. */
export function parseToastView(raw: unknown): ToastView | null {
  const r = toastViewSchema.safeParse(raw);
  return r.success ? r.data : null;
}

const sameItem = (a: { kind: PromptKind; ref?: number }, b: { kind: PromptKind; ref?: number }) =>
  a.kind === b.kind && a.ref === b.ref;

/** Adds a delivery to the toast (or starts one): a prompt shown again replaces its older entry. */
export function withDelivery(view: ToastView | null, delivery: Delivery, settings: WellbeingSettings): ToastView {
  const fresh: ToastPrompt[] = delivery.prompts.map((p) => {
    const item: ToastPrompt = { kind: p.kind, shownAt: delivery.at };
    for (const k of ['ref', 'talkMs', 'breakKind', 'breakAt', 'endsAt'] as const)
      if (p[k] !== undefined) (item as Record<string, unknown>)[k] = p[k];
    if (item.talkMs !== undefined) item.talkMs = Math.min(3_600_000, Math.round(item.talkMs));
    return item;
  });
  const kept = (view?.prompts ?? []).filter((old) => !fresh.some((f) => sameItem(f, old)));
  const prompts = [...kept, ...fresh].sort((a, b) => PROMPT_KINDS.indexOf(a.kind) - PROMPT_KINDS.indexOf(b.kind));
  return {
    prompts,
    checkIn: delivery.checkIn ? { phase: delivery.checkIn, shownAt: delivery.at } : (view?.checkIn ?? null),
    breathing: view?.breathing ?? null,
    snoozesLeft: delivery.snoozesLeft,
    snoozeMinutes: settings.snoozeMinutes,
    sound: delivery.sound,
    notification: delivery.notification,
  };
}

/** An empty toast carrying the settings' flags (for a breathing offer with no prompt due). */
export function emptyToast(settings: WellbeingSettings): ToastView {
  return {
    prompts: [],
    checkIn: null,
    breathing: null,
    snoozesLeft: settings.snoozeLimitPerHour,
    snoozeMinutes: settings.snoozeMinutes,
    sound: settings.sound,
    notification: settings.notification,
  };
}

/** Whether a toast has nothing left to show. */
export function isEmptyToast(view: ToastView): boolean {
  return view.prompts.length === 0 && view.checkIn === null && view.breathing === null;
}

/** What {@link pruneToast} reads. */
export interface ToastContext {
  settings: WellbeingSettings;
  periods: readonly Period[];
  history: readonly WellbeingEvent[];
  now: number;
}

/** Whether a call (talk or hold) began at or after `t` (periods are in order: read from the newest). */
function callSince(periods: readonly Period[], t: number): boolean {
  for (let i = periods.length - 1; i >= 0 && periods[i]!.end >= t; i--) {
    const p = periods[i]!;
    if (LIVE_CALL_STATES.has(p.state) && p.start >= t) return true;
  }
  return false;
}

function answered(history: readonly WellbeingEvent[], item: ToastPrompt, now: number): boolean {
  return history.some(
    (r) =>
      isPromptRow(r) &&
      r.outcome !== 'shown' &&
      r.kind === item.kind &&
      (item.ref === undefined || r.ref === item.ref) &&
      rowTime(r, now) >= item.shownAt,
  );
}

/**
 * The toast as it should be at `now`, or null when nothing is left: nothing at all while the agent
 * is in talk or hold or logged out; without what a call has interrupted since it was shown, what
 * the agent answered, and what is no longer worth showing (too old, a heads-up for a break already
 * started, an end-of-break cue after the break). During a break only the end-of-break cue (and a
 * breathing offer) stay.
 */
export function pruneToast(view: ToastView | null, ctx: ToastContext): ToastView | null {
  if (!view) return null;
  const { periods, history, now } = ctx;
  const current = periods[periods.length - 1];
  if (!current || LOGGED_OUT_STATES.has(current.state) || LIVE_CALL_STATES.has(current.state)) return null;
  const onBreak = currentBreakPeriod(periods) !== null || (current.state === 'other' && current.code === 'away');
  const fresh = (shownAt: number) => now - shownAt < TOAST_TTL_MS && !callSince(periods, shownAt);
  // "Pause reminders" takes the reminders on screen away too (the check-in and breathing stay).
  const paused = pauseState(history, now).activeUntil !== null;
  const prompts = view.prompts.filter((item) => {
    if (paused || !fresh(item.shownAt) || answered(history, item, now)) return false;
    if (item.kind === 'breakEnd') return onBreak && now < (item.endsAt ?? item.shownAt) + BREAK_END_GRACE_MS;
    if (onBreak) return false;
    if (item.kind === 'breakSoon') return now < (item.breakAt ?? item.shownAt) + BREAK_SOON_GRACE_MS;
    return true;
  });
  const checkIn =
    view.checkIn &&
    !onBreak &&
    fresh(view.checkIn.shownAt) &&
    !history.some(
      (r) =>
        r.kind === 'mood' &&
        r.outcome !== 'shown' &&
        r.phase === view.checkIn!.phase &&
        rowTime(r, now) >= view.checkIn!.shownAt,
    )
      ? view.checkIn
      : null;
  const offer = view.breathing ? breathingOffer(periods, history, now) : null;
  const breathing = view.breathing && offer?.ref === view.breathing.ref ? view.breathing : null;
  const next: ToastView = {
    ...view,
    prompts,
    checkIn,
    breathing,
    snoozesLeft: snoozesLeft(ctx.settings, history, now),
    snoozeMinutes: ctx.settings.snoozeMinutes,
  };
  return isEmptyToast(next) ? null : next;
}

/** The agent's answer to the prompts of the toast. */
export type ToastAnswer = Exclude<PromptOutcome, 'shown'>;

/**
 * The rows that record the agent's answer to the prompts of the toast (break prompts keep their
 * `ref`): the ones in `seen`, what the toast frame showed when the agent clicked, so a prompt that
 * joined the toast in that instant is not snoozed or skipped unseen; every prompt when `seen` is
 * not given. Null when nothing is left to answer, or a snooze when none is left this hour.
 */
export function answerRows(
  view: ToastView,
  answer: ToastAnswer,
  now: number,
  tz: number,
  seen?: readonly SeenPrompt[],
): WellbeingEvent[] | null {
  if (answer === 'snoozed' && view.snoozesLeft <= 0) return null;
  const answered = seen
    ? view.prompts.filter((item) => seen.some((s) => s.kind === item.kind && s.ref === item.ref))
    : view.prompts;
  if (answered.length === 0) return null;
  return answered.map((item) => {
    const row: WellbeingEvent = { at: now, tz, kind: item.kind, outcome: answer };
    if (item.ref !== undefined) row.ref = item.ref;
    return checkWellbeingRow(row);
  });
}

/** The pause lengths the toast offers, in minutes. */
export const PAUSE_CHOICES = [30, 60, 120] as const;

/** The row that pauses reminders for `minutes` from `now` (1 to {@link MAX_PAUSE_MINUTES}); 0 resumes them. */
export function pauseRow(minutes: number, now: number, tz: number): WellbeingEvent {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MAX_PAUSE_MINUTES)
    throw new Error(`Invalid pause: minutes must be a whole number from 0 to ${MAX_PAUSE_MINUTES}`);
  return checkWellbeingRow(
    minutes === 0
      ? { at: now, tz, kind: 'pause', outcome: 'resumed' }
      : { at: now, tz, kind: 'pause', outcome: 'paused', until: now + minutes * 60_000 },
  );
}
