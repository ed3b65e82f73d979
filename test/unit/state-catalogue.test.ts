import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/locales/en.json';
import zh from '@/locales/zh_CN.json';
import { reportCsv } from '@/utils/time/export';
import { addSession, emptyTotals, finishMetrics, type Totals } from '@/utils/time/metrics';
import type { Session } from '@/utils/time/periods';
import {
  AGENT_STATES,
  BAR_STATES,
  BUTTON_STATES,
  CSV_STATES,
  endsCall,
  HANDLING_STATES,
  LEDGER_STATES,
  LIVE_CALL_STATES,
  STATE_CATALOGUE,
  STATE_COMMANDS,
  STATE_TONES,
  type LedgerState,
} from '@/utils/time/state-catalogue';

/**
 * Every state is in every view. The catalogue is a `Record` over the states, so the compiler asks
 * for each field of a new state; these checks catch what the compiler cannot see (locales, CSS,
 * the CSV, the totals).
 */

const root = resolve(import.meta.dirname, '../..');

describe('the state catalogue', () => {
  it('has a label in both locales for every state, and a command description for every command', () => {
    for (const state of LEDGER_STATES) {
      expect(en.states[state], `en states.${state}`).toBeTruthy();
      expect(zh.states[state], `zh states.${state}`).toBeTruthy();
    }
    for (const [command, state] of Object.entries(STATE_COMMANDS)) {
      expect(command).toBe(`state-${state}`);
      expect((en.commands as Record<string, string>)[state], `en commands.${state}`).toBeTruthy();
      expect((zh.commands as Record<string, string>)[state], `zh commands.${state}`).toBeTruthy();
    }
  });

  it('lets the agent set every state but unknown, by a button or the list of codes', () => {
    const settable = LEDGER_STATES.filter((s) => STATE_CATALOGUE[s].picker !== null);
    expect(new Set(settable)).toEqual(new Set(AGENT_STATES));
    expect(BUTTON_STATES.at(-1)).toBe('offline');
    expect(BUTTON_STATES).toHaveLength(LEDGER_STATES.filter((s) => STATE_CATALOGUE[s].picker === 'button').length);
  });

  it('gives every tone a pill style', () => {
    const css = readFileSync(resolve(root, 'components/theme.css'), 'utf8');
    for (const tone of STATE_TONES) expect(css, `tone ${tone}`).toContain(`.state-pill[data-tone='${tone}']`);
    for (const state of LEDGER_STATES) expect(STATE_TONES).toContain(STATE_CATALOGUE[state].tone);
  });

  it('counts every logged-in state’s time in its own total (nothing falls out of the figures)', () => {
    for (const state of LEDGER_STATES) {
      const info = STATE_CATALOGUE[state];
      const period = { start: 0, end: 60_000, state, contact: null, tz: 0, open: false, code: 'training' };
      const session: Session = { day: '2026-01-05', start: 0, end: 60_000, periods: [period] };
      const t = addSession(emptyTotals(), session);
      if (info.loggedOut) {
        expect(t.loggedInMs, state).toBe(0);
        continue;
      }
      expect(t.loggedInMs, state).toBe(60_000);
      expect(info.total, state).not.toBeNull();
      expect(t[info.total as keyof Totals], state).toBe(60_000);
    }
  });

  it('writes every state with a total to the CSV, and draws every counted state in the bars', () => {
    const t = ((key: string) => key) as never;
    const header = reportCsv(
      [{ day: '2026-01-05', metrics: finishMetrics(emptyTotals(), { breakMinutes: 0, lunchMinutes: 0 }) }],
      t,
    )
      .slice(1)
      .split('\r\n')[0]!;
    for (const state of LEDGER_STATES) {
      const { csvColumn, total } = STATE_CATALOGUE[state];
      if (total) expect(csvColumn, state).not.toBeNull();
      if (csvColumn) expect(header, state).toContain(`dashboard.csv.${csvColumn}`);
    }
    expect(CSV_STATES.length).toBe(LEDGER_STATES.filter((s) => STATE_CATALOGUE[s].csvColumn).length);
    const counted = LEDGER_STATES.filter((s: LedgerState) => !STATE_CATALOGUE[s].loggedOut);
    expect(new Set(BAR_STATES)).toEqual(new Set(counted));
  });
});

describe('which changes end a call (and ask the agent to confirm)', () => {
  it('is leaving talk or hold for anything that does not handle the contact', () => {
    const ending: string[] = [];
    for (const from of LEDGER_STATES)
      for (const to of LEDGER_STATES) if (endsCall(from, to)) ending.push(`${from}→${to}`);
    expect(ending.sort()).toEqual(
      ['talk', 'hold']
        .flatMap((from) => ['available', 'break', 'lunch', 'other', 'offline', 'unknown'].map((to) => `${from}→${to}`))
        .sort(),
    );
  });

  it('lets a call go on, be held and wrap up without asking, and never asks with no state yet', () => {
    expect(endsCall('talk', 'hold')).toBe(false);
    expect(endsCall('hold', 'talk')).toBe(false);
    expect(endsCall('talk', 'acw')).toBe(false);
    expect(endsCall('hold', 'acw')).toBe(false);
    expect(endsCall('acw', 'break')).toBe(false);
    expect(endsCall('available', 'offline')).toBe(false);
    expect(endsCall(null, 'break')).toBe(false);
    expect(endsCall(undefined, 'talk')).toBe(false);
  });

  it('follows the catalogue: every live-call state asks before every non-handling state', () => {
    for (const from of LIVE_CALL_STATES)
      for (const to of LEDGER_STATES) expect(endsCall(from, to), `${from}→${to}`).toBe(!HANDLING_STATES.has(to));
  });
});
