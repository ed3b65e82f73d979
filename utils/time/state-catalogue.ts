/**
 * The agent states, in one catalogue: every list, set and mapping about states elsewhere (the
 * state buttons, keyboard commands, which total a state's time adds to, pill tones, timeline and
 * chart colours, the daily bars, CSV columns) is derived from it, so adding a state is one entry
 * here and the compiler asks for every field. Zod-free and dependency-free: the console content
 * script imports it too.
 */

/** The `Totals` field a state's time adds to (see utils/time/metrics.ts). */
export type StateTotal =
  'talkMs' | 'holdMs' | 'acwMs' | 'availableMs' | 'breakMs' | 'lunchMs' | 'otherMs' | 'unknownMs';

/** How a state's pill looks: on a call, wrapping up, ready, away from the desk, logged out. */
export const STATE_TONES = ['live', 'wrap', 'ready', 'away', 'out'] as const;
export type StateTone = (typeof STATE_TONES)[number];

/** What Seatmate knows about one state. */
export interface StateInfo {
  /**
   * How the agent sets it by hand: a button of its own (popup, palette state menu), the list of
   * `other` codes, or not at all (`unknown` is written by Seatmate only).
   */
  picker: 'button' | 'codes' | null;
  /** A browser keyboard command that sets it (`state-<state>`), with its suggested key if any. */
  command: { suggestedKey?: string } | null;
  /** The `Totals` field its time adds to; null when its time is not counted (offline). */
  total: StateTotal | null;
  /** Part of handling a contact (talk, hold, after-call work). */
  handling: boolean;
  /** A call in progress: nothing may interrupt the agent (wellbeing prompts wait). */
  liveCall: boolean;
  /** Not logged-in time. */
  loggedOut: boolean;
  /** Rest that ends a stretch of work (break, lunch). */
  rest: boolean;
  /** The pill's tone. */
  tone: StateTone;
  /** Colour on the timeline, legend and charts (Okabe–Ito colour-blind-safe set, ≥ 3:1 on white). */
  colour: string;
  /** Position in the stacked daily bars (handling first, then waiting, then away); null: not drawn. */
  bar: number | null;
  /**
   * The report CSV column (minutes) of its total, as a `dashboard.csv.*` key; null: none. Columns
   * come in bar order, states without a bar last.
   */
  csvColumn:
    'talkMin' | 'holdMin' | 'acwMin' | 'availableMin' | 'breakMin' | 'lunchMin' | 'otherMin' | 'unknownMin' | null;
}

/**
 * Every state the ledger can hold, in display order. `acw` is after-call work (wrap-up); `other`
 * carries a code (training, meeting, coaching, system down, away, or the agent's own); `unknown`
 * is written by Seatmate itself when the browser was closed or crashed (never counted as work).
 * A contact is one `talk` period with the hold and ACW that follow it. The label of a state is
 * the `states.<state>` message in each locale.
 */
export const STATE_CATALOGUE = {
  offline: {
    picker: 'button',
    command: {},
    total: null,
    handling: false,
    liveCall: false,
    loggedOut: true,
    rest: false,
    tone: 'out',
    colour: '#8a94a3',
    bar: null,
    csvColumn: null,
  },
  available: {
    picker: 'button',
    command: { suggestedKey: 'Alt+Shift+A' },
    total: 'availableMs',
    handling: false,
    liveCall: false,
    loggedOut: false,
    rest: false,
    tone: 'ready',
    colour: '#117733',
    bar: 3,
    csvColumn: 'availableMin',
  },
  talk: {
    picker: 'button',
    command: null,
    total: 'talkMs',
    handling: true,
    liveCall: true,
    loggedOut: false,
    rest: false,
    tone: 'live',
    colour: '#0072b2',
    bar: 0,
    csvColumn: 'talkMin',
  },
  hold: {
    picker: 'button',
    command: null,
    total: 'holdMs',
    handling: true,
    liveCall: true,
    loggedOut: false,
    rest: false,
    tone: 'live',
    colour: '#d55e00',
    bar: 1,
    csvColumn: 'holdMin',
  },
  acw: {
    picker: 'button',
    command: { suggestedKey: 'Alt+Shift+W' },
    total: 'acwMs',
    handling: true,
    liveCall: false,
    loggedOut: false,
    rest: false,
    tone: 'wrap',
    colour: '#aa4499',
    bar: 2,
    csvColumn: 'acwMin',
  },
  break: {
    picker: 'button',
    command: { suggestedKey: 'Alt+Shift+B' },
    total: 'breakMs',
    handling: false,
    liveCall: false,
    loggedOut: false,
    rest: true,
    tone: 'away',
    colour: '#56b4e9',
    bar: 4,
    csvColumn: 'breakMin',
  },
  lunch: {
    picker: 'button',
    command: {},
    total: 'lunchMs',
    handling: false,
    liveCall: false,
    loggedOut: false,
    rest: true,
    tone: 'away',
    colour: '#ddcc77',
    bar: 5,
    csvColumn: 'lunchMin',
  },
  other: {
    picker: 'codes',
    command: null,
    total: 'otherMs',
    handling: false,
    liveCall: false,
    loggedOut: false,
    rest: false,
    tone: 'away',
    colour: '#882255',
    bar: 6,
    csvColumn: 'otherMin',
  },
  unknown: {
    picker: null,
    command: null,
    total: 'unknownMs',
    handling: false,
    liveCall: false,
    loggedOut: true,
    rest: false,
    tone: 'out',
    colour: '#8a94a3',
    bar: null,
    csvColumn: 'unknownMin',
  },
} as const satisfies Record<string, StateInfo>;

/** What the ledger can hold: the agent's states plus `unknown`. */
export type LedgerState = keyof typeof STATE_CATALOGUE;
/** The states an agent can be in (everything but `unknown`, which only Seatmate writes). */
export type AgentState = Exclude<LedgerState, 'unknown'>;

const entries = Object.entries(STATE_CATALOGUE) as [LedgerState, StateInfo][];
const where = (test: (info: StateInfo) => boolean) => entries.filter(([, i]) => test(i)).map(([s]) => s);

/** Every ledger state, in catalogue order. */
export const LEDGER_STATES = entries.map(([s]) => s) as readonly LedgerState[] as readonly [
  LedgerState,
  ...LedgerState[],
];

/** The agent's states, in catalogue order (for zod enums and pickers). */
export const AGENT_STATES = LEDGER_STATES.filter(
  (s): s is AgentState => s !== 'unknown',
) as readonly AgentState[] as readonly [AgentState, ...AgentState[]];

/** States that handle a contact (talk, hold and after-call work). */
export const HANDLING_STATES: ReadonlySet<LedgerState> = new Set(where((i) => i.handling));

/** States of a call in progress: nothing may interrupt the agent (prompts wait). */
export const LIVE_CALL_STATES: ReadonlySet<LedgerState> = new Set(where((i) => i.liveCall));

/** States that are not logged-in time. */
export const LOGGED_OUT_STATES: ReadonlySet<LedgerState> = new Set(where((i) => i.loggedOut));

/** The states with a button of their own, in catalogue order with logging out last (it ends the day). */
export const BUTTON_STATES = [
  ...where((i) => i.picker === 'button' && !i.loggedOut),
  ...where((i) => i.picker === 'button' && i.loggedOut),
] as AgentState[];

/** The states drawn in the daily bars, bottom to top. */
export const BAR_STATES = entries
  .filter(([, i]) => i.bar !== null)
  .sort((a, b) => a[1].bar! - b[1].bar!)
  .map(([s]) => s);

/** The states with a CSV column, in column order (bar order, then the rest). */
export const CSV_STATES = entries
  .filter(([, i]) => i.csvColumn !== null)
  .sort((a, b) => (a[1].bar ?? 99) - (b[1].bar ?? 99))
  .map(([s]) => s);

/** Keyboard commands that set a state: `state-<state>` → the state. */
export const STATE_COMMANDS: Readonly<Record<string, AgentState>> = Object.fromEntries(
  where((i) => i.command !== null).map((s) => [`state-${s}`, s as AgentState]),
);

/**
 * Whether a change from `from` to `to` ends a call in progress, and so asks the agent to confirm
 * when it is made by hand in the popup or the palette's state menu. The rule: leaving a live call
 * (talk or hold) for a state that does not handle a contact (anything but talk, hold or ACW).
 * Talk ↔ hold and talk or hold → ACW are the call going on or wrapping up as usual; talk or hold →
 * available, break, lunch, an `other` code or offline drops the contact (and its wrap-up) at once.
 * Leaving ACW ends no call. Browser keyboard commands and page rules do not ask: a command is a
 * deliberate two-modifier chord the agent set up, fired where there is no UI to ask in, and a page
 * rule reports what the console shows.
 */
export function endsCall(from: LedgerState | null | undefined, to: LedgerState): boolean {
  return !!from && LIVE_CALL_STATES.has(from) && !HANDLING_STATES.has(to);
}

/** The colour of a period's state (`other` codes share the `other` colour). */
export function stateColour(state: LedgerState): string {
  return STATE_CATALOGUE[state].colour;
}

/** The pill tone of a state, or `out` when there is none yet. */
export function stateTone(state: LedgerState | null | undefined): StateTone {
  return state ? STATE_CATALOGUE[state].tone : 'out';
}

/** What a code for the `other` state looks like: 1–32 lowercase letters, digits and hyphens. */
export const OTHER_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
/** The message when a code does not fit {@link OTHER_CODE_PATTERN}. */
export const OTHER_CODE_MESSAGE = 'use 1–32 lowercase letters, digits and hyphens';
