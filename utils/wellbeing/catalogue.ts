import type { MessageKey } from '../i18n';
import type { ExerciseId } from './exercises';

/**
 * The wellbeing prompt catalogue: the one place that says which prompts exist, when each falls
 * due by default, what rest satisfies it, how it is labelled, and which guidance it follows.
 * Every other list (settings order, stats, locales, team-pack keys) is derived from
 * {@link PROMPT_CATALOGUE}; a unit test checks each kind appears in each of them.
 */

/** The kinds of wellbeing prompt, in the order the settings list them. */
export const PROMPT_KINDS = ['eyes', 'posture', 'hydration', 'movement', 'voice', 'breakSoon', 'breakEnd'] as const;
export type PromptKind = (typeof PROMPT_KINDS)[number];

/**
 * Kinds of natural rest found in the ledger and the prompt history:
 * - `break`: the break and lunch states;
 * - `away`: away from the desk as the ledger saw it (the locked-screen `other:away`, logged out,
 *   or the browser closed: `offline` and `unknown`);
 * - `idle`: no keyboard or mouse input for a long stretch outside a call (history rows `idle`).
 */
export const REST_KINDS = ['break', 'away', 'idle'] as const;
export type RestKind = (typeof REST_KINDS)[number];

/** Where the guidance behind a default comes from (named in the settings' help text). */
export const GUIDANCE_SOURCES = {
  /** 20-20-20: every 20 min look about 6 m (20 ft) away for 20 s (AAO, AOA). */
  rule202020: { nameKey: 'wellbeing.sources.rule202020', url: null },
  /** HSE guidance on the Display Screen Equipment Regulations 1992 (regulation 4, breaks). */
  hseDse: { nameKey: 'wellbeing.sources.hseDse', url: 'https://www.hse.gov.uk/contact/faqs/vdubreaks.htm' },
  /** UNISON's demands for call-centre employers: voice breaks and drinking water. */
  unison: {
    nameKey: 'wellbeing.sources.unison',
    url: 'https://www.unison.org.uk/get-help/knowledge/vulnerable-workers/call-centre-workers/',
  },
  /** The agent's own break schedule (Options → My time). */
  schedule: { nameKey: 'wellbeing.sources.schedule', url: null },
} as const satisfies Record<string, { nameKey: MessageKey; url: string | null }>;
export type GuidanceSource = keyof typeof GUIDANCE_SOURCES;

/** How a prompt falls due (the scheduler has one rule per trigger). */
export type PromptTrigger =
  /** `minutes` after the last prompt of its kind or the last rest that satisfies it. */
  | 'interval'
  /** Talk in the last hour reached the voice threshold; at most once per `minutes`. */
  | 'voice'
  /** `minutes` before a scheduled break or lunch starts. */
  | 'breakSoon'
  /** `minutes` before a scheduled break or lunch the agent is on should end. */
  | 'breakEnd';

/** What the `minutes` setting of a kind means, with its default and allowed range. */
export interface PromptMinutes {
  meaning: 'every' | 'atMostEvery' | 'before';
  default: number;
  min: number;
  max: number;
}

/** One entry of the catalogue. */
export interface PromptKindInfo {
  trigger: PromptTrigger;
  minutes: PromptMinutes;
  /** Whether the prompt is on for a fresh install. */
  onByDefault: boolean;
  /** Rest that resets the timer (and for how long at least), or null when no rest does. */
  rest: { by: readonly RestKind[]; minMinutes: number } | null;
  /** How long the suggested action takes, in seconds (20 s of looking away, 5 min of moving…). */
  actionSeconds: number;
  /** Joins a delivery that happens up to {@link MERGE_AHEAD_MS} before it falls due. */
  mergeAhead: boolean;
  /** A guided exercise that fits the prompt (utils/wellbeing/exercises.ts), if any. */
  exercise: ExerciseId | null;
  source: GuidanceSource;
  /** Short name (settings, stats). */
  labelKey: MessageKey;
  /** Help text in settings: what it does and the guidance behind it. */
  helpKey: MessageKey;
  /** What the toast says. */
  toastKey: MessageKey;
}

/** The catalogue. Keys follow {@link PROMPT_KINDS}. */
export const PROMPT_CATALOGUE: Record<PromptKind, PromptKindInfo> = {
  eyes: {
    trigger: 'interval',
    minutes: { meaning: 'every', default: 20, min: 5, max: 480 },
    onByDefault: true,
    rest: { by: ['break', 'away', 'idle'], minMinutes: 1 },
    actionSeconds: 20,
    mergeAhead: true,
    exercise: 'farFocus',
    source: 'rule202020',
    labelKey: 'wellbeing.prompts.eyes.label',
    helpKey: 'wellbeing.prompts.eyes.help',
    toastKey: 'wellbeing.prompts.eyes.toast',
  },
  posture: {
    trigger: 'interval',
    minutes: { meaning: 'every', default: 30, min: 5, max: 480 },
    onByDefault: true,
    rest: { by: ['break', 'away'], minMinutes: 2 },
    actionSeconds: 30,
    mergeAhead: true,
    exercise: 'chinTuck',
    source: 'hseDse',
    labelKey: 'wellbeing.prompts.posture.label',
    helpKey: 'wellbeing.prompts.posture.help',
    toastKey: 'wellbeing.prompts.posture.toast',
  },
  hydration: {
    trigger: 'interval',
    minutes: { meaning: 'every', default: 60, min: 5, max: 480 },
    onByDefault: true,
    rest: { by: ['break'], minMinutes: 5 },
    actionSeconds: 30,
    mergeAhead: true,
    exercise: null,
    source: 'unison',
    labelKey: 'wellbeing.prompts.hydration.label',
    helpKey: 'wellbeing.prompts.hydration.help',
    toastKey: 'wellbeing.prompts.hydration.toast',
  },
  movement: {
    trigger: 'interval',
    minutes: { meaning: 'every', default: 50, min: 5, max: 480 },
    onByDefault: true,
    rest: { by: ['break', 'away'], minMinutes: 5 },
    actionSeconds: 300,
    mergeAhead: true,
    exercise: 'calfRaise',
    source: 'hseDse',
    labelKey: 'wellbeing.prompts.movement.label',
    helpKey: 'wellbeing.prompts.movement.help',
    toastKey: 'wellbeing.prompts.movement.toast',
  },
  voice: {
    trigger: 'voice',
    minutes: { meaning: 'atMostEvery', default: 60, min: 5, max: 480 },
    onByDefault: true,
    rest: { by: ['break', 'away', 'idle'], minMinutes: 5 },
    actionSeconds: 300,
    mergeAhead: false,
    exercise: 'lipTrill',
    source: 'unison',
    labelKey: 'wellbeing.prompts.voice.label',
    helpKey: 'wellbeing.prompts.voice.help',
    toastKey: 'wellbeing.prompts.voice.toast',
  },
  breakSoon: {
    trigger: 'breakSoon',
    minutes: { meaning: 'before', default: 5, min: 1, max: 30 },
    onByDefault: true,
    rest: null,
    actionSeconds: 0,
    mergeAhead: false,
    exercise: null,
    source: 'schedule',
    labelKey: 'wellbeing.prompts.breakSoon.label',
    helpKey: 'wellbeing.prompts.breakSoon.help',
    toastKey: 'wellbeing.prompts.breakSoon.toast',
  },
  breakEnd: {
    trigger: 'breakEnd',
    minutes: { meaning: 'before', default: 1, min: 1, max: 10 },
    onByDefault: true,
    rest: null,
    actionSeconds: 0,
    mergeAhead: false,
    exercise: null,
    source: 'schedule',
    labelKey: 'wellbeing.prompts.breakEnd.label',
    helpKey: 'wellbeing.prompts.breakEnd.help',
    toastKey: 'wellbeing.prompts.breakEnd.toast',
  },
};

/** A prompt falling due this soon after a delivery joins it, so two toasts do not come minutes apart. */
export const MERGE_AHEAD_MS = 2 * 60_000;

/** Kinds with a repeating `minutes` (what a team pack's `intervalsMinutes` may set). */
export const INTERVAL_KINDS = PROMPT_KINDS.filter((k) => PROMPT_CATALOGUE[k].minutes.meaning !== 'before') as [
  PromptKind,
  ...PromptKind[],
];

/** Settings UI order: the catalogue's own order. */
export const SETTINGS_ORDER: readonly PromptKind[] = PROMPT_KINDS;

/** Whether `kind` is a prompt kind (for values read from storage or messages). */
export function isPromptKind(kind: unknown): kind is PromptKind {
  return typeof kind === 'string' && Object.prototype.hasOwnProperty.call(PROMPT_CATALOGUE, kind);
}
