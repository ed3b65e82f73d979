import type { LedgerState, StateSource } from '../../utils/time/states';
import { nearestOccurrence } from '../../utils/wellbeing/clock';
import { moodAnswerRow } from '../../utils/wellbeing/mood';
import type { Delivery } from '../../utils/wellbeing/scheduler';
import type { BreakSlot } from '../../utils/wellbeing/settings';
import { MIN, SEC, HOUR } from './wellbeing-sim-world';
import type { ShiftRun } from './wellbeing-sim';

/**
 * The simulated agent: logs in around the shift's start, takes calls (talk, holds, after-call
 * work), takes the scheduled breaks a little late and only between calls, goes to meetings, locks
 * the screen, lets the laptop sleep on a break, has the browser crash, answers the toasts (done,
 * snooze when offered, skip, pause, or nothing), marks some calls tough, and logs out.
 */

const FREE: ReadonlySet<LedgerState> = new Set(['available', 'acw']);

interface PlannedBreak {
  slot: BreakSlot;
  /** True time the agent means to go (the scheduled time, a little late or early). */
  at: number;
  taken: boolean;
}

export class AgentModel {
  state: LedgerState = 'offline';
  /** True time since which the agent has been free (available or ACW) without a break in between. */
  freeSince = Infinity;
  finishedAt: number | null = null;
  private breaks: PlannedBreak[] = [];
  private endAt: number;
  /** Bumped on every state change, so stale planned steps can tell they are stale. */
  private epoch = 0;

  constructor(private readonly run: ShiftRun) {
    const { plan, d } = run;
    this.endAt = plan.start + plan.lengthMs + d.between(-5, 15) * MIN;
    this.breaks = plan.slots.map((slot) => ({
      slot,
      at: nearestOccurrence(slot.start, plan.start + 4 * HOUR, plan.tz) + d.between(-3, 8) * MIN,
      taken: false,
    }));
  }

  /** Yesterday's logout, today's login, and the odd clock jump or time-zone change. */
  begin(): void {
    const { plan, d, m } = this.run;
    m.record(plan.start - 12 * HOUR, 'offline', 'manual');
    const login = plan.start + d.between(-12, 10) * MIN;
    this.run.at(login, 'agent', () => this.go(login, 'available', 'manual'));
    // The browser starts a little before the agent logs in: the worker's start-up asks the scheduler.
    const boot = login - d.between(0.5, 30) * MIN;
    this.run.at(boot, 'wake', () => this.run.restarted(boot));
    if (d.chance(0.12)) {
      const t = plan.start + d.between(0.2, 0.9) * plan.lengthMs;
      const jump = d.pick([-90, -30, -3, 2, 20, 60]) * MIN;
      this.run.at(t, 'clock', () => (m.skew += jump));
    }
    if (d.chance(0.05)) {
      const t = plan.start + d.between(0.2, 0.9) * plan.lengthMs;
      this.run.at(t, 'clock', () => (m.tz += d.pick([-60, 60])));
    }
  }

  /** Changes the true state, writes it to the ledger, and plans what comes next. */
  go(t: number, state: LedgerState, source: StateSource, code?: string): void {
    const from = this.state;
    this.state = state;
    this.epoch++;
    if (!FREE.has(state)) this.freeSince = Infinity;
    else if (!FREE.has(from)) this.freeSince = t;
    this.run.m.record(t, state, source, code);
    this.run.stateChanged(t, from, state);
    this.planNext(t);
  }

  /** Runs `fn` at `t` unless the agent's state changed meanwhile. */
  private later(t: number, fn: (t: number) => void): void {
    const e = this.epoch;
    this.run.at(t, 'agent', () => {
      if (this.epoch === e) fn(t);
    });
  }

  private dueBreak(t: number): PlannedBreak | undefined {
    return this.breaks.find((b) => !b.taken && b.at <= t);
  }

  private planNext(t: number): void {
    const { d } = this.run;
    const soon = (lo: number, hi: number) => t + d.between(lo, hi) * SEC;
    switch (this.state) {
      case 'available': {
        if (t >= this.endAt) return this.later(soon(5, 60), (at) => this.logout(at));
        const due = this.dueBreak(t);
        if (due) return this.later(soon(1, 20), (at) => this.takeBreak(at, due));
        if (d.chance(0.012)) return this.later(soon(10, 60), (at) => this.meeting(at));
        if (d.chance(0.012)) return this.later(soon(10, 60), (at) => this.lockScreen(at));
        if (d.chance(0.004)) return this.later(soon(10, 60), (at) => this.crash(at));
        const callAt = t + Math.min(10 * MIN, Math.max(3 * SEC, d.exp(50 * SEC)));
        const next = this.breaks.find((b) => !b.taken && b.at > t && b.at < callAt);
        if (next) return this.later(next.at, (at) => this.takeBreak(at, next));
        return this.later(callAt, (at) => this.call(at));
      }
      case 'acw': {
        const end = t + Math.min(6 * MIN, Math.max(3 * SEC, d.logNormal(40 * SEC, 0.8)));
        if (d.chance(0.04)) this.later(soon(3, 20), (at) => this.run.markTough(at));
        if (d.chance(0.12)) return this.later(end, (at) => this.call(at));
        return this.later(end, (at) => this.go(at, 'available', 'page'));
      }
      case 'offline':
      case 'talk':
      case 'hold':
      case 'break':
      case 'lunch':
      case 'other':
      case 'unknown':
        // The next step of these is planned when they begin (a call, a break, a meeting, a crash).
        return;
    }
  }

  /** A call: talk, perhaps holds, then ACW, available or straight to a due break. */
  private call(t0: number): void {
    const { d, m } = this.run;
    const total = Math.min(50 * MIN, Math.max(20 * SEC, d.logNormal(4 * MIN, 0.75)));
    const holds = d.chance(0.3) ? (d.chance(0.25) ? 2 : 1) : 0;
    const segs: { state: LedgerState; ms: number }[] = [];
    let left = total;
    for (let h = 0; h < holds; h++) {
      const talk = left * d.between(0.2, 0.6);
      segs.push({ state: 'talk', ms: talk }, { state: 'hold', ms: d.between(20, 240) * SEC });
      left -= talk;
    }
    segs.push({ state: 'talk', ms: left });
    const end = t0 + segs.reduce((n, x) => n + x.ms, 0);
    if (total > 2 * MIN && d.chance(0.3)) {
      // Talking without touching the keyboard: the background sees input idleness during the call.
      this.run.at(t0 + 60 * SEC, 'agent', () => m.write(t0 + 60 * SEC, { kind: 'idle', outcome: 'started' }));
      this.run.at(end + 5 * SEC, 'agent', () => m.write(end + 5 * SEC, { kind: 'idle', outcome: 'ended' }));
    }
    const step = (i: number, at: number) => {
      this.go(at, segs[i]!.state, 'page');
      const nextAt = at + segs[i]!.ms;
      if (i + 1 < segs.length) this.later(nextAt, (t) => step(i + 1, t));
      else this.later(nextAt, (t) => this.endCall(t));
    };
    step(0, t0);
  }

  private endCall(t: number): void {
    const { d } = this.run;
    const due = this.dueBreak(t);
    if (due && d.chance(0.3)) return this.takeBreak(t, due);
    this.go(t, d.chance(0.85) ? 'acw' : 'available', 'page');
  }

  private takeBreak(t: number, b: PlannedBreak): void {
    const { d, m } = this.run;
    b.taken = true;
    this.go(t, b.slot.kind, 'manual');
    const end = t + b.slot.minutes * MIN + d.between(-2, 3) * MIN;
    const back = () => this.go(end, 'available', 'manual');
    if (d.chance(0.08) && end - t > 8 * MIN) {
      // The laptop sleeps through most of the break.
      const s = t + d.between(1, 4) * MIN;
      const e = end - d.between(0, 60) * SEC;
      this.run.at(s, 'agent', () => this.run.goDown(s));
      this.run.at(e, 'agent', () => this.wake(s, e, b.slot.kind, end));
      return;
    }
    if (d.chance(0.4)) {
      const lock = t + d.between(1, 4) * MIN;
      this.run.at(lock, 'agent', () => m.write(lock, { kind: 'idle', outcome: 'started' }));
      if (end - lock > 10 * MIN) this.run.at(lock + 10 * MIN, 'agent', () => this.lockAway(lock + 10 * MIN, lock));
      this.run.at(end, 'agent', () => {
        m.write(end, { kind: 'idle', outcome: 'ended' });
        back();
      });
      return;
    }
    this.run.at(end, 'agent', back);
  }

  /** The lock alarm: away, backdated to the moment the screen locked (as the background does). */
  private lockAway(t: number, lockedAt: number): void {
    const from = this.state;
    this.state = 'other';
    this.run.m.record(t, 'other', 'idle', 'away', lockedAt);
    this.run.stateChanged(t, from, 'other');
  }

  /** Wakes from sleep: the crash check closes the gap, as `closeCrashGap` does. */
  private wake(s: number, e: number, resume: LedgerState, end: number): void {
    const { m, d } = this.run;
    this.run.down = false;
    const gap = e - s;
    if (gap > 150 * SEC) {
      m.record(e, 'unknown', 'system', undefined, s);
      if (gap <= 10 * MIN) m.record(e, resume, 'recovery');
    }
    this.run.restarted(e);
    const backAt = gap > 10 * MIN ? e + d.between(10, 60) * SEC : Math.max(end, e + SEC);
    this.epoch++;
    this.state = gap > 10 * MIN ? 'unknown' : resume;
    this.run.at(backAt, 'agent', () => this.go(backAt, 'available', 'manual'));
  }

  private meeting(t: number): void {
    const { d } = this.run;
    this.go(t, 'other', 'manual', d.pick(['meeting', 'training', 'coaching']));
    const end = t + d.between(15, 50) * MIN;
    this.run.at(end, 'agent', () => this.go(end, 'available', 'manual'));
  }

  private lockScreen(t: number): void {
    const { d, m } = this.run;
    m.write(t, { kind: 'idle', outcome: 'started' });
    const back = t + d.between(4, 30) * MIN;
    this.epoch++;
    if (back - t > 10 * MIN) this.run.at(t + 10 * MIN, 'agent', () => this.lockAway(t + 10 * MIN, t));
    this.run.at(back, 'agent', () => {
      m.write(back, { kind: 'idle', outcome: 'ended' });
      if (this.state === 'other') this.go(back, 'available', 'manual');
      else this.planNext(back);
    });
  }

  private crash(t: number): void {
    const { d, m } = this.run;
    this.run.goDown(t);
    this.epoch++;
    const up = t + d.between(20, 240) * SEC;
    this.run.at(up, 'agent', () => {
      this.run.down = false;
      if (up - t > 150 * SEC) {
        m.record(up, 'unknown', 'system', undefined, t);
        m.record(up, 'available', 'recovery');
      }
      this.run.restarted(up);
      this.planNext(up);
    });
  }

  private logout(t: number): void {
    this.go(t, 'offline', 'manual');
    this.finishedAt = t;
  }

  /** The agent answers a toast a few seconds after it appears (unless a call started meanwhile). */
  react(t: number, delivery: Delivery): void {
    const { d, m } = this.run;
    const at = t + d.between(2, 45) * SEC;
    this.run.at(at, 'react', () => {
      if (this.state === 'talk' || this.state === 'hold') return;
      for (const p of delivery.prompts) {
        const roll = d.next();
        const base = p.ref !== undefined ? { kind: p.kind, ref: p.ref } : { kind: p.kind };
        if (roll < 0.55) m.write(at, { ...base, outcome: 'done' });
        else if (roll < 0.75 && this.run.canSnooze(at)) m.write(at, { ...base, outcome: 'snoozed' });
        else if (roll < 0.9) m.write(at, { ...base, outcome: 'skipped' });
      }
      if (delivery.checkIn) {
        if (d.chance(0.7)) {
          const {
            at: _at,
            tz: _tz,
            ...row
          } = moodAnswerRow(delivery.checkIn, d.int(1, 5), d.pick(['', 'ok', '有点累']), m.clock(at), m.tz);
          m.write(at, row);
        } else m.write(at, { kind: 'mood', outcome: 'skipped', phase: delivery.checkIn });
      }
      if (d.chance(0.02)) this.pause(at);
    });
  }

  private pause(t: number): void {
    const { d, m } = this.run;
    if (this.run.pauses.some((p) => p.until > m.clock(t))) return;
    const minutes = d.pick([15, 30, 60]);
    const until = m.clock(t) + minutes * MIN;
    m.write(t, { kind: 'pause', outcome: 'paused', until });
    const p = { from: m.clock(t), until };
    this.run.pauses.push(p);
    if (d.chance(0.3)) {
      const r = t + d.between(1, minutes / 2) * MIN;
      this.run.at(r, 'react', () => {
        if (m.clock(r) >= p.until) return;
        m.write(r, { kind: 'pause', outcome: 'resumed' });
        p.until = m.clock(r);
      });
    }
  }
}
