import type { LedgerState } from '../../utils/time/states';
import type { NewWellbeingRow } from '../../utils/wellbeing/records';
import { deliveryRows, schedule, type ScheduleResult } from '../../utils/wellbeing/scheduler';
import { snoozesLeft } from '../../utils/wellbeing/history';
import { markToughCall } from '../../utils/wellbeing/tough';
import {
  Dice,
  Machine,
  MIN,
  SEC,
  DAY,
  HOUR,
  inDailyWindow,
  planShift,
  rng,
  shiftSeed,
  type ShiftPlan,
} from './wellbeing-sim-world';
import { AgentModel } from './wellbeing-sim-agent';

/**
 * The wellbeing simulation: thousands of shifts, each a random day of calls, holds, ACW, breaks,
 * meetings, locked screens, laptop sleeps, browser restarts, clock jumps and time-zone changes. The
 * scheduler (utils/wellbeing/scheduler.ts) is called only where the background would call it: at
 * its own alarm (never sooner than Chrome's 30 s, a few seconds late), at other alarms, at
 * start-up, and — in some shifts, and then only sometimes — right after a state change. Every
 * delivery is checked against the truth the simulation knows.
 *
 * Used by test/unit/wellbeing-sim.test.ts and `npm run sim:wellbeing`.
 */

/** What a run found. The invariants hold when every count of breaches is 0. */
export interface SimResult {
  shifts: number;
  /** Prompts shown (each prompt of a delivery, and each mood check-in). */
  promptsShown: number;
  deliveries: number;
  schedulerCalls: number;
  /** Breaches: deliveries while the agent was in talk or hold, in quiet hours, paused, outside the shift, logged out. */
  duringLiveCall: number;
  inQuietHours: number;
  inPause: number;
  offShift: number;
  loggedOut: number;
  /** Call ends with something due, and of those, the ones delivered later than 60 s (a breach). */
  callEndsWithDue: number;
  lateAfterCallEnd: number;
  /** Call ends whose due prompts went out, and the longest wait among them. */
  deliveredAfterCallEnd: number;
  maxDelayAfterCallEndMs: number;
  /** The agent was back on a call (or on a break) within 60 s and no wake-up came in between (not a breach). */
  shortWindows: number;
  /** Minutes at which a prompt had been due for over a minute while the agent was free (a breach). */
  stuckMinutes: number;
  /** First few breaches, described. */
  breaches: string[];
}

export function emptyResult(): SimResult {
  return {
    shifts: 0,
    promptsShown: 0,
    deliveries: 0,
    schedulerCalls: 0,
    duringLiveCall: 0,
    inQuietHours: 0,
    inPause: 0,
    offShift: 0,
    loggedOut: 0,
    callEndsWithDue: 0,
    lateAfterCallEnd: 0,
    deliveredAfterCallEnd: 0,
    maxDelayAfterCallEndMs: 0,
    shortWindows: 0,
    stuckMinutes: 0,
    breaches: [],
  };
}

const LIVE: ReadonlySet<LedgerState> = new Set(['talk', 'hold']);
const FREE: ReadonlySet<LedgerState> = new Set(['available', 'acw']);
/** Chrome runs an alarm no sooner than 30 s after it is set, and a little late. */
const ALARM_MIN_MS = 30 * SEC;
const ALARM_LATE_MS = 8 * SEC;
const DELIVER_WITHIN_MS = 60 * SEC;

type SimEvent = { t: number; kind: 'agent' | 'wake' | 'deadline' | 'react' | 'clock' | 'minute'; run: () => void };

/** One shift, event by event. */
export class ShiftRun {
  readonly d: Dice;
  readonly plan: ShiftPlan;
  readonly m: Machine;
  readonly agent: AgentModel;
  private queue: SimEvent[] = [];
  private alarmAt: number | null = null;
  /** Scheduler calls are impossible while the machine sleeps or the browser is closed. */
  down = false;

  /** The machine sleeps or the browser closes: nothing can be shown until it is back. */
  goDown(t: number): void {
    this.down = true;
    if (this.pending) this.closeWindow(t);
  }
  /** Probability that a state change is followed at once by a scheduler call (0: alarms only). */
  readonly hookChance: number;
  private pending: { T: number; resolved: boolean } | null = null;
  private lastDue: { at: number; kinds: string } | null = null;
  private lastDeliveryAt = -Infinity;
  pauses: { from: number; until: number }[] = [];

  constructor(
    readonly index: number,
    seed: number,
    readonly r: SimResult,
    readonly sweep: boolean,
    /** The scheduler under test (a test swaps in a broken one to see the checks catch it). */
    readonly scheduler: typeof schedule = schedule,
  ) {
    this.d = new Dice(rng(shiftSeed(seed, index)));
    const dayStart = Date.UTC(2026, 0, 5) + (index % 3000) * DAY;
    this.plan = planShift(this.d, dayStart);
    this.m = new Machine(this.plan.tz);
    this.hookChance = this.d.pick([0, 0.5, 1]);
    this.agent = new AgentModel(this);
  }

  at(t: number, kind: SimEvent['kind'], run: () => void): void {
    this.queue.push({ t, kind, run });
  }

  run(): void {
    this.agent.begin();
    if (this.sweep)
      for (let t = this.plan.start - 30 * MIN; t < this.plan.start + this.plan.lengthMs + HOUR; t += MIN)
        this.at(t, 'minute', () => this.minuteCheck(t));
    for (let t = this.plan.start; t < this.plan.start + this.plan.lengthMs; t += this.d.exp(20 * MIN))
      this.at(t, 'wake', () => this.call(t));
    let guard = 0;
    while (guard++ < 1_000_000) {
      let i = -1;
      for (let j = 0; j < this.queue.length; j++) if (i < 0 || this.queue[j]!.t < this.queue[i]!.t) i = j;
      const next = i >= 0 ? this.queue[i]! : null;
      if (this.alarmAt !== null && (!next || this.alarmAt <= next.t)) {
        const t = this.alarmAt;
        if (this.agent.finishedAt !== null && t > this.agent.finishedAt + 30 * MIN) break;
        this.alarmAt = null;
        if (!this.down) this.call(t);
        continue;
      }
      if (!next) break;
      if (this.agent.finishedAt !== null && next.t > this.agent.finishedAt + 30 * MIN) break;
      this.queue.splice(i, 1);
      if (!this.down || next.kind === 'agent' || next.kind === 'clock') next.run();
    }
    this.r.shifts++;
  }

  /** The oracle: what the scheduler would answer at `t`, without recording anything. */
  ask(t: number): ScheduleResult {
    const now = this.m.clock(t);
    return this.scheduler({
      settings: this.plan.settings,
      periods: this.m.periodsAt(now),
      history: this.m.history,
      now,
      tz: this.m.tz,
    });
  }

  /** The background at work: asks the scheduler, delivers, sets its alarm. */
  call(t: number): void {
    if (this.down) return;
    this.r.schedulerCalls++;
    const now = this.m.clock(t);
    const res = this.ask(t);
    if (res.delivery) this.deliver(t, res);
    const wait = Math.max(res.nextCheckAt - now, ALARM_MIN_MS) + this.d.between(0, ALARM_LATE_MS);
    this.alarmAt = t + wait;
  }

  /** After a state change: the background may call the scheduler at once. */
  stateChanged(t: number, from: LedgerState, to: LedgerState): void {
    if (LIVE.has(from) && !LIVE.has(to)) this.callEnded(t, to);
    if (this.pending && !FREE.has(to)) this.closeWindow(t);
    if (!this.down && this.d.chance(this.hookChance)) this.call(t);
  }

  /** Startup of the worker after a restart: alarms may be gone; the background asks at once. */
  restarted(t: number): void {
    this.alarmAt = null;
    this.call(t);
  }

  private callEnded(T: number, to: LedgerState): void {
    if (!FREE.has(to)) return;
    const res = this.ask(T);
    if (!res.delivery) return;
    this.r.callEndsWithDue++;
    this.pending = { T, resolved: false };
    const p = this.pending;
    this.at(T + DELIVER_WITHIN_MS, 'deadline', () => {
      if (p !== this.pending || p.resolved) return;
      this.pending = null;
      if (this.ask(T + DELIVER_WITHIN_MS).delivery)
        this.breach('lateAfterCallEnd', T + DELIVER_WITHIN_MS, 'nothing delivered 60 s after a call ended');
    });
  }

  private closeWindow(t: number): void {
    const p = this.pending!;
    this.pending = null;
    if (!p.resolved && t - p.T < DELIVER_WITHIN_MS) this.r.shortWindows++;
  }

  private deliver(t: number, res: ScheduleResult): void {
    const delivery = res.delivery!;
    const now = this.m.clock(t);
    const r = this.r;
    r.deliveries++;
    r.promptsShown += delivery.prompts.length + (delivery.checkIn ? 1 : 0);
    const state = this.agent.state;
    if (LIVE.has(state)) this.breach('duringLiveCall', t, `delivered in ${state}`);
    if (state === 'offline') this.breach('loggedOut', t, 'delivered while logged out');
    const s = this.plan.settings;
    if (s.quietHours && inDailyWindow(s.quietHours, now, this.m.tz))
      this.breach('inQuietHours', t, 'delivered in quiet hours');
    if (s.shift && !inDailyWindow(s.shift, now, this.m.tz)) this.breach('offShift', t, 'delivered outside the shift');
    if (this.pauses.some((p) => p.from <= now && now < p.until)) this.breach('inPause', t, 'delivered while paused');
    if (this.pending && !this.pending.resolved) {
      this.pending.resolved = true;
      r.deliveredAfterCallEnd++;
      r.maxDelayAfterCallEndMs = Math.max(r.maxDelayAfterCallEndMs, t - this.pending.T);
      if (t - this.pending.T > DELIVER_WITHIN_MS)
        this.breach('lateAfterCallEnd', t, `delivered ${Math.round((t - this.pending.T) / SEC)} s after the call`);
    }
    this.lastDeliveryAt = t;
    for (const row of deliveryRows(delivery, this.m.tz)) this.m.write(t, row as NewWellbeingRow);
    this.agent.react(t, delivery);
  }

  /** Minute by minute while the agent is free: nothing may stay due for over a minute undelivered. */
  private minuteCheck(t: number): void {
    if (this.down || !FREE.has(this.agent.state)) {
      this.lastDue = null;
      return;
    }
    const res = this.ask(t);
    const kinds = res.delivery ? res.delivery.prompts.map((p) => p.kind).join(',') + (res.delivery.checkIn ?? '') : '';
    if (!kinds) {
      this.lastDue = null;
      return;
    }
    const prev = this.lastDue;
    if (prev && prev.kinds === kinds && this.lastDeliveryAt < prev.at && this.agent.freeSince <= prev.at - 0) {
      this.r.stuckMinutes++;
      this.addBreach(t, `due since ${Math.round((t - prev.at) / SEC)} s and not delivered: ${kinds}`);
    }
    this.lastDue = prev && prev.kinds === kinds ? prev : { at: t, kinds };
  }

  breach(
    field: 'duringLiveCall' | 'inQuietHours' | 'inPause' | 'offShift' | 'loggedOut' | 'lateAfterCallEnd',
    t: number,
    what: string,
  ): void {
    this.r[field]++;
    this.addBreach(t, what);
  }

  private addBreach(t: number, what: string): void {
    if (this.r.breaches.length < 20)
      this.r.breaches.push(`shift ${this.index}, ${Math.round((t - this.plan.start) / SEC)} s into it: ${what}`);
  }

  /** The agent snoozes only when Snooze is offered. */
  canSnooze(t: number): boolean {
    return snoozesLeft(this.plan.settings, this.m.history, this.m.clock(t)) > 0;
  }

  /** The tough-call key, pressed after a call. */
  markTough(t: number): void {
    const now = this.m.clock(t);
    const mark = markToughCall(this.m.periodsAt(now), this.m.history, now, this.m.tz);
    if (mark.outcome === 'marked') this.m.write(t, mark.row);
  }
}

/** Runs `shifts` shifts with `seed`. */
export function simulate(options: {
  shifts: number;
  seed: number;
  sweep?: boolean;
  first?: number;
  scheduler?: typeof schedule;
}): SimResult {
  const r = emptyResult();
  const first = options.first ?? 0;
  for (let i = first; i < first + options.shifts; i++)
    new ShiftRun(i, options.seed, r, options.sweep ?? false, options.scheduler).run();
  return r;
}

/** True when no invariant broke. */
export function invariantsHold(r: SimResult): boolean {
  return (
    r.duringLiveCall + r.inQuietHours + r.inPause + r.offShift + r.loggedOut + r.lateAfterCallEnd + r.stuckMinutes === 0
  );
}

/** The one-line summary `npm run sim:wellbeing` ends with. */
export function summaryLine(r: SimResult): string {
  return (
    `shifts ${r.shifts} · prompts shown ${r.promptsShown} · during talk or hold ${r.duringLiveCall} · ` +
    `max delay after call end ${Math.round(r.maxDelayAfterCallEndMs / SEC)} s · shown in quiet hours ${r.inQuietHours}`
  );
}
