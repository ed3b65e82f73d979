import { browser } from 'wxt/browser';
import { getDb } from '@/utils/db';
import { resolveLocale, translator } from '@/utils/i18n';
import type { MessageOf, ResponseOf } from '@/utils/messages';
import { loadEffectiveSettings } from '@/utils/settings-store';
import { tzOffsetAt } from '@/utils/time/states';
import { moodAnswerRow } from '@/utils/wellbeing/mood';
import type { NewWellbeingRow, WellbeingEvent } from '@/utils/wellbeing/records';
import { deliveryRows, schedule, type SchedulerInput } from '@/utils/wellbeing/scheduler';
import { loadEffectiveWellbeing } from '@/utils/wellbeing/settings-load';
import { appendWellbeingRows, loadSchedulerInput } from '@/utils/wellbeing/store';
import { scaleSchedulerInput, toReal, type TimeScale } from '@/utils/wellbeing/time-scale';
import {
  answerRows,
  emptyToast,
  parseToastView,
  pauseRow,
  pruneToast,
  withDelivery,
  type ToastView,
} from '@/utils/wellbeing/toast';
import { toastItem } from '@/utils/wellbeing/toast-item';
import { promptText } from '@/utils/wellbeing/toast-text';
import { breathingOffer, markToughCall } from '@/utils/wellbeing/tough';
import { onLedgerWritten } from './ledger';
import {
  clearNotification,
  listenForNotificationClicks,
  openBreakPage,
  playSound,
  showNotification,
} from './wellbeing-announce';
import { demoTimeScale } from './wellbeing-demo';

/**
 * Wellbeing in the background: runs the scheduler (utils/wellbeing/scheduler.ts) after every
 * ledger write, every wellbeing row it writes, and on its alarm; records what it delivers; keeps
 * the toast (session storage, shown by the toast frame on console pages) current; adds the system
 * notification and the sound when the agent wants them; opens the break page when a break starts.
 * Alarms only wake it: nothing counts time in memory. One queue, so two wake-ups never deliver twice.
 */

const ALARM = 'seatmate-wellbeing';

let queue: Promise<unknown> = Promise.resolve();
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch((error: unknown) => console.warn('Seatmate wellbeing:', error));
  return run;
}

/** The clock the scheduler reads: real time, or (demo builds, in tests) the scaled one. */
interface Clock {
  real: number;
  tz: number;
  scale: TimeScale | null;
}

async function clockNow(): Promise<Clock> {
  const real = Date.now();
  const scale = import.meta.env.MODE === 'demo' ? await demoTimeScale() : null;
  return { real, tz: tzOffsetAt(real), scale };
}

async function schedulerInput(c: Clock): Promise<SchedulerInput> {
  const { settings } = await loadEffectiveWellbeing(getDb());
  const input = await loadSchedulerInput(getDb(), settings, c.real, c.tz);
  return import.meta.env.MODE === 'demo' && c.scale ? scaleSchedulerInput(input, c.scale) : input;
}

/**
 * Appends rows made on the scheduler's clock (`now`); each is stored at the real time, as far
 * before the real now as it was before `now` (the scheduler's own instants inside a row — a
 * pause's end, a break's start — stay as it computed them). Returns the rows as the scheduler sees them.
 */
async function append(rows: WellbeingEvent[], c: Clock, now: number): Promise<WellbeingEvent[]> {
  if (rows.length === 0) return [];
  await appendWellbeingRows(
    getDb(),
    rows.map((r) => ({ ...r, at: Math.max(0, c.real - (now - r.at)), tz: c.tz })),
  );
  return rows;
}

async function readToast(): Promise<ToastView | null> {
  return parseToastView(await toastItem.getValue());
}

/** The scheduler's pass: deliver what is due, offer breathing, keep the toast current, set the alarm. */
async function refresh(): Promise<void> {
  const c = await clockNow();
  const input = await schedulerInput(c);
  const { settings, periods, now } = input;
  const result = schedule(input);
  const before = await readToast();
  let view = before;
  let history = input.history;
  const announce: string[] = [];
  const t = await agentTranslator();
  const clock = (at: number) => new Intl.DateTimeFormat(t.locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  if (result.delivery) {
    history = [...history, ...(await append(deliveryRows(result.delivery, c.tz), c, now))];
    view = withDelivery(view, result.delivery, settings);
    for (const p of view.prompts) if (p.shownAt === now) announce.push(promptText(t.t, p, clock));
    if (result.delivery.checkIn)
      announce.push(
        t.t(result.delivery.checkIn === 'start' ? 'wellbeing.mood.startQuestion' : 'wellbeing.mood.endQuestion'),
      );
  }
  // After a tough call, before the next one: one minute of paced breathing is offered.
  const current = periods[periods.length - 1];
  const offer = breathingOffer(periods, history, now);
  if (offer && (current?.state === 'available' || current?.state === 'acw') && view?.breathing?.ref !== offer.ref) {
    if (!history.some((r) => r.kind === 'breathing' && r.ref === offer.ref && r.outcome === 'shown')) {
      const row: WellbeingEvent = { at: now, tz: c.tz, kind: 'breathing', outcome: 'shown', ref: offer.ref };
      history = [...history, ...(await append([row], c, now))];
      announce.push(t.t('wellbeing.tough.offer'));
    }
    view = { ...(view ?? emptyToast(settings)), breathing: { ref: offer.ref, shownAt: now } };
  }
  view = pruneToast(view, { settings, periods, history, now });
  if (JSON.stringify(view) !== JSON.stringify(before)) await toastItem.setValue(view);
  if (view && announce.length > 0) {
    if (settings.notification) await showNotification(t.t('wellbeing.toast.title'), announce.join('\n'));
    if (settings.sound) await playSound();
  }
  if (!view && before) await clearNotification();
  const real = import.meta.env.MODE === 'demo' && c.scale ? toReal(result.nextCheckAt, c.scale) : result.nextCheckAt;
  await browser.alarms.create(ALARM, { when: Math.max(real, Date.now() + 1_000) });
}

async function agentTranslator() {
  const { settings } = await loadEffectiveSettings();
  const locale = resolveLocale(settings.language, browser.i18n.getUILanguage());
  return { locale, t: translator(locale) };
}

/** Runs the scheduler now (queued). */
export function refreshWellbeing(): Promise<void> {
  return enqueue(refresh);
}

/** Writes rows made by the agent's answer, then runs the scheduler (one queued task). */
function record(
  make: (input: SchedulerInput, c: Clock) => WellbeingEvent[] | null | Promise<WellbeingEvent[] | null>,
): Promise<boolean> {
  return enqueue(async () => {
    const c = await clockNow();
    const input = await schedulerInput(c);
    const rows = await make(input, c);
    if (rows === null) return false;
    await append(rows, c, input.now);
    await refresh();
    return true;
  });
}

/** The agent's answer to the toast's prompts (Done, Snooze, Skip). */
export async function handleRespond(msg: MessageOf<'wellbeing/respond'>): Promise<ResponseOf<'wellbeing/respond'>> {
  const ok = await record(async (input, c) => {
    const view = await readToast();
    return view && view.prompts.length > 0 ? answerRows(view, msg.outcome, input.now, c.tz, msg.seen) : null;
  });
  return { ok };
}

/** Pause reminders for N minutes (ends by itself), or resume them. */
export async function handlePause(msg: MessageOf<'wellbeing/pause'>): Promise<ResponseOf<'wellbeing/pause'>> {
  let until: number | null = null;
  await record((input, c) => {
    const row = pauseRow(msg.minutes, input.now, c.tz);
    if (row.kind === 'pause' && row.outcome === 'paused') {
      until = import.meta.env.MODE === 'demo' && c.scale ? toReal(row.until, c.scale) : row.until;
    }
    return [row];
  });
  return { until };
}

/** The mood check-in answered or skipped. */
export async function handleMood(msg: MessageOf<'wellbeing/mood'>): Promise<ResponseOf<'wellbeing/mood'>> {
  const ok = await record((input, c) => [
    msg.mood === null
      ? ({ at: input.now, tz: c.tz, kind: 'mood', outcome: 'skipped', phase: msg.phase } as WellbeingEvent)
      : moodAnswerRow(msg.phase, msg.mood, msg.words ?? '', input.now, c.tz),
  ]);
  return { ok };
}

/** The breathing exercise after a tough call: done, or not now. */
export async function handleBreathing(
  msg: MessageOf<'wellbeing/breathing'>,
): Promise<ResponseOf<'wellbeing/breathing'>> {
  const ok = await record((input, c) => [
    { at: input.now, tz: c.tz, kind: 'breathing', outcome: msg.outcome, ref: msg.ref } as WellbeingEvent,
  ]);
  return { ok };
}

/** Marks the call that just ended (or is on) as tough: a private count, and breathing offered after it. */
export async function handleTough(): Promise<ResponseOf<'wellbeing/tough'>> {
  let outcome: ResponseOf<'wellbeing/tough'>['outcome'] = 'no-call';
  await record((input, c) => {
    const mark = markToughCall(input.periods, input.history, input.now, c.tz);
    outcome = mark.outcome;
    return mark.outcome === 'marked' ? [mark.row] : [];
  });
  return { outcome };
}

/** How long input idleness lasts before the browser reports it (`chrome.idle`'s default). */
const IDLE_DETECTION_S = 60;

function idleRow(state: string): NewWellbeingRow | null {
  if (state === 'idle' || state === 'locked') return { kind: 'idle', outcome: 'started' };
  if (state === 'active') return { kind: 'idle', outcome: 'ended' };
  return null;
}

/** Registers the wellbeing listeners (called synchronously from the background's main()). */
export function listenForWellbeing(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) void refreshWellbeing();
  });
  onLedgerWritten((row) => {
    void refreshWellbeing();
    if (row.state === 'break' || row.state === 'lunch') {
      void (async () => {
        const { settings } = await loadEffectiveWellbeing(getDb());
        if (settings.breakPage) await openBreakPage();
      })();
    }
  });
  // Input idleness outside a call is rest (utils/wellbeing/rest.ts cuts out the calls).
  browser.idle.onStateChanged.addListener((state) => {
    const row = idleRow(state);
    if (!row) return;
    void record((input, c) => {
      const started = row.outcome === 'started' && state === 'idle';
      const at = started ? input.now - IDLE_DETECTION_S * 1_000 : input.now;
      return [{ ...row, at: Math.max(0, at), tz: c.tz } as WellbeingEvent];
    });
  });
  browser.commands?.onCommand.addListener((command) => {
    if (command === 'tough-call') void handleTough();
  });
  listenForNotificationClicks(() => undefined);
  if (import.meta.env.MODE === 'demo') {
    // Demo builds only (production drops this block): the e2e tests run a scheduler pass at once
    // and read the toast in force. The clock itself is the test-only time scale (wellbeing-demo.ts).
    const hooks = globalThis as { __seatmateTest?: Record<string, unknown> };
    hooks.__seatmateTest = {
      ...hooks.__seatmateTest,
      wellbeingRefresh: () => refreshWellbeing(),
      wellbeingToast: () => readToast(),
    };
  }
  void refreshWellbeing();
}
