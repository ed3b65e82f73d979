import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { getDb } from '@/utils/db';
import { loadSettings } from '@/utils/settings-store';
import { closeCrashGap, currentStateEvent, recordState, type StateValue } from '@/utils/time/ledger';
import { addDays } from '@/utils/time/ledger-days';
import { loadLedgerReport } from '@/utils/time/ledger-report';
import { localDay } from '@/utils/time/day';
import { stateAfterLock } from '@/utils/time/idle';
import { STATE_COMMANDS } from '@/utils/time/state-catalogue';
import type { StateEvent, StateSource } from '@/utils/time/states';

/**
 * The background is the one writer of the state ledger. Every write goes through one queue, so a
 * page rule, a keyboard command and the crash check never interleave. A heartbeat alarm (every
 * 30 s) records that the browser is alive; when the service worker starts and the heartbeat is
 * stale, the browser was closed or crashed, and the gap is closed as unknown.
 */

const HEARTBEAT_ALARM = 'seatmate-heartbeat';
const LOCK_ALARM = 'seatmate-screen-lock';
const heartbeatItem = storage.defineItem<number | null>('local:ledgerHeartbeat', { fallback: null });
/** When the screen was locked (session storage: survives the worker, not the browser). */
const lockedAtItem = storage.defineItem<number | null>('session:screenLockedAt', { fallback: null });

let queue: Promise<unknown> = Promise.resolve();

/** Runs ledger work one task at a time, in the order asked. */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

const WARM_EVERY_MS = 3_600_000;
const warmedAtItem = storage.defineItem<number | null>('session:ledgerDaysWarmedAt', { fallback: null });

/**
 * Fills the day cache for the last 400 days in the background (hourly), so the dashboard's year
 * view never has to read every row itself. After the first time it reads only new closed days.
 */
async function warmDayCache(now: number): Promise<void> {
  const warmed = await warmedAtItem.getValue();
  if (typeof warmed === 'number' && now - warmed < WARM_EVERY_MS) return;
  await warmedAtItem.setValue(now);
  const to = addDays(localDay(new Date(now)), -2);
  await loadLedgerReport(getDb(), { from: addDays(to, -400), to }, now, { breakMinutes: 0, lunchMinutes: 0 });
}

async function beat(now: number): Promise<void> {
  const last = await heartbeatItem.getValue();
  const outcome = await closeCrashGap(getDb(), typeof last === 'number' ? last : null, now);
  if (outcome !== 'none') console.info(`Seatmate: closed a gap in the ledger after the last heartbeat (${outcome})`);
  await heartbeatItem.setValue(now);
}

const written: ((row: StateEvent) => void)[] = [];

/**
 * Calls `listener` after every state change the background writes (the wellbeing scheduler looks at
 * once, so a toast can show the moment after-call work starts, and hide the moment a call does).
 */
export function onLedgerWritten(listener: (row: StateEvent) => void): void {
  written.push(listener);
}

/** Writes a state change now (queued). Returns whether a row was written. */
export function setState(value: StateValue, source: StateSource, at?: number): Promise<{ recorded: boolean }> {
  return enqueue(async () => {
    const now = Date.now();
    await beat(now);
    const row = await recordState(getDb(), value, source, now, at === undefined ? undefined : { at });
    if (row) for (const listener of written) listener(row);
    return { recorded: row !== null };
  });
}

/** A keyboard command (`state-available`, `state-break`, …; see the state catalogue): records that state. */
export async function runStateCommand(command: string): Promise<{ recorded: boolean } | null> {
  const state = STATE_COMMANDS[command];
  return state ? setState({ state }, 'hotkey') : null;
}

/** What the screen lock does once it has lasted the agent's set time (never during a call). */
async function onLockAlarm(): Promise<void> {
  const lockedAt = await lockedAtItem.getValue();
  if (typeof lockedAt !== 'number') return;
  await lockedAtItem.setValue(null);
  if ((await browser.idle.queryState(60)) !== 'locked') return;
  const { idleLock } = await loadSettings();
  const value = stateAfterLock(await currentStateEvent(getDb()), idleLock);
  if (!value) return;
  // Backdated to the moment the screen was locked: that is when the agent left.
  await setState(value, 'idle', lockedAt);
}

/** Registers the ledger's listeners (called synchronously from the background's main()). */
export function listenForLedger(): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === HEARTBEAT_ALARM) {
      void enqueue(() => beat(Date.now()));
      void warmDayCache(Date.now()).catch(() => undefined);
    }
    if (alarm.name === LOCK_ALARM) void onLockAlarm();
  });
  browser.commands?.onCommand.addListener((command) => void runStateCommand(command));
  browser.idle.onStateChanged.addListener((state) => {
    void (async () => {
      if (state === 'locked') {
        const { idleLock } = await loadSettings();
        if (idleLock.action === 'none') return;
        const now = Date.now();
        await lockedAtItem.setValue(now);
        await browser.alarms.create(LOCK_ALARM, { when: now + idleLock.minutes * 60_000 });
      } else if (state === 'active') {
        await lockedAtItem.setValue(null);
        await browser.alarms.clear(LOCK_ALARM);
      }
    })();
  });
  // Every start of the worker checks for a gap first, before any queued write.
  void enqueue(() => beat(Date.now()));
  void (async () => {
    if (!(await browser.alarms.get(HEARTBEAT_ALARM)))
      await browser.alarms.create(HEARTBEAT_ALARM, { periodInMinutes: 0.5 });
  })();
}
