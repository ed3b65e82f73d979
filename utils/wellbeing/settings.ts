import { z } from 'zod';
import { PROMPT_CATALOGUE, PROMPT_KINDS, INTERVAL_KINDS, type PromptKind } from './catalogue';
import { timeOfDaySchema, timeWindowSchema, type TimeWindow } from './clock';

/**
 * Wellbeing settings. Three layers, like the other settings (utils/settings.ts):
 * - the agent's own choices (`settings.wellbeing`, stored sparse: only what the agent changed);
 * - team pack defaults (`pack.wellbeing`), used where the agent chose nothing;
 * - enterprise policy (`storage.managed` key `wellbeing`), which overrides and locks.
 * {@link effectiveWellbeing} merges them over the built-in defaults into {@link WellbeingSettings}.
 */

/** A scheduled break or lunch: when it starts on the agent's clock and how long it lasts. */
export const breakSlotSchema = z.object({
  start: timeOfDaySchema,
  kind: z.enum(['break', 'lunch']),
  minutes: z.number().int().min(5).max(120),
});
export type BreakSlot = z.infer<typeof breakSlotSchema>;

/** At most this many scheduled breaks and lunches a day. */
export const MAX_BREAK_SLOTS = 8;

/** On/off and minutes of one prompt kind (the meaning of minutes is in the catalogue). */
export interface PromptSetting {
  on: boolean;
  minutes: number;
}

/** The wellbeing settings in force. */
export interface WellbeingSettings {
  prompts: Record<PromptKind, PromptSetting>;
  /** Talk in the last hour, in minutes, at which the voice-rest prompt falls due (10–60). */
  voiceThresholdMinutes: number;
  /** How long a snooze lasts (1–60 min). */
  snoozeMinutes: number;
  /** Snoozes allowed in any hour (0 turns snoozing off). */
  snoozeLimitPerHour: number;
  /** No prompt at all inside this daily window; null: none. */
  quietHours: TimeWindow | null;
  /** Prompts only inside these daily hours; null: whenever the agent is logged in. */
  shift: TimeWindow | null;
  /** Scheduled breaks and lunch (heads-up before, "back in 1 min" near the end). */
  breaks: BreakSlot[];
  /** A soft sound with each delivery. */
  sound: boolean;
  /** A system notification with each delivery (besides the toast on the console page). */
  notification: boolean;
  /** Open the break page (time left, exercises) when a break or lunch starts. */
  breakPage: boolean;
  /** Offer a mood check-in at the start and end of a shift. */
  moodCheckIn: boolean;
}

/** The scalar (non-prompt) fields of the settings, in the order Options shows them. */
export const SCALAR_FIELDS = [
  'voiceThresholdMinutes',
  'snoozeMinutes',
  'snoozeLimitPerHour',
  'quietHours',
  'shift',
  'breaks',
  'sound',
  'notification',
  'breakPage',
  'moodCheckIn',
] as const satisfies readonly (keyof Omit<WellbeingSettings, 'prompts'>)[];
export type ScalarField = (typeof SCALAR_FIELDS)[number];

/** A field that can be set, sourced and locked on its own. */
export type WellbeingField = ScalarField | `prompts.${PromptKind}.on` | `prompts.${PromptKind}.minutes`;

/** Every field, prompts first (in catalogue order), then the others. */
export const WELLBEING_FIELDS: readonly WellbeingField[] = [
  ...PROMPT_KINDS.flatMap((k) => [`prompts.${k}.on`, `prompts.${k}.minutes`] as const),
  ...SCALAR_FIELDS,
];

/** Built-in defaults (from the catalogue for prompts). */
export const DEFAULT_WELLBEING: WellbeingSettings = {
  prompts: Object.fromEntries(
    PROMPT_KINDS.map((k) => [k, { on: PROMPT_CATALOGUE[k].onByDefault, minutes: PROMPT_CATALOGUE[k].minutes.default }]),
  ) as Record<PromptKind, PromptSetting>,
  voiceThresholdMinutes: 50,
  snoozeMinutes: 10,
  snoozeLimitPerHour: 2,
  quietHours: null,
  shift: null,
  breaks: [],
  sound: false,
  notification: false,
  breakPage: true,
  moodCheckIn: true,
};

/** Minutes of `kind` within the catalogue's range. */
function minutesSchema(kind: PromptKind) {
  const m = PROMPT_CATALOGUE[kind].minutes;
  return z.number().int().min(m.min, `at least ${m.min} minutes`).max(m.max, `at most ${m.max} minutes`);
}

const promptOverrideShape = Object.fromEntries(
  PROMPT_KINDS.map((k) => [k, z.object({ on: z.boolean().optional(), minutes: minutesSchema(k).optional() })]),
) as Record<PromptKind, z.ZodObject<{ on: z.ZodOptional<z.ZodBoolean>; minutes: z.ZodOptional<z.ZodNumber> }>>;

const breaksSchema = z
  .array(breakSlotSchema)
  .max(MAX_BREAK_SLOTS)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((b, i) => {
      if (seen.has(b.start))
        ctx.addIssue({ code: 'custom', path: [i, 'start'], message: 'two breaks start at this time' });
      seen.add(b.start);
    });
  });

/** Each scalar field's strict schema (packs, policy, changes from the UI). */
const SCALAR_SCHEMAS = {
  voiceThresholdMinutes: z.number().int().min(10).max(60),
  snoozeMinutes: z.number().int().min(1).max(60),
  snoozeLimitPerHour: z.number().int().min(0).max(12),
  quietHours: timeWindowSchema.nullable(),
  shift: timeWindowSchema.nullable(),
  breaks: breaksSchema,
  sound: z.boolean(),
  notification: z.boolean(),
  breakPage: z.boolean(),
  moodCheckIn: z.boolean(),
} satisfies Record<ScalarField, z.ZodType>;

/**
 * A partial set of wellbeing values, checked strictly: what a team pack or policy may set, and a
 * change the agent makes. Unknown keys are kept out (a newer pack's fields are ignored).
 */
export const wellbeingOverridesSchema = z.object({
  prompts: z.object(promptOverrideShape).partial().optional(),
  voiceThresholdMinutes: SCALAR_SCHEMAS.voiceThresholdMinutes.optional(),
  snoozeMinutes: SCALAR_SCHEMAS.snoozeMinutes.optional(),
  snoozeLimitPerHour: SCALAR_SCHEMAS.snoozeLimitPerHour.optional(),
  quietHours: SCALAR_SCHEMAS.quietHours.optional(),
  shift: SCALAR_SCHEMAS.shift.optional(),
  breaks: SCALAR_SCHEMAS.breaks.optional(),
  sound: SCALAR_SCHEMAS.sound.optional(),
  notification: SCALAR_SCHEMAS.notification.optional(),
  breakPage: SCALAR_SCHEMAS.breakPage.optional(),
  moodCheckIn: SCALAR_SCHEMAS.moodCheckIn.optional(),
});
export type WellbeingOverrides = z.infer<typeof wellbeingOverridesSchema>;

/** A change to the agent's own wellbeing settings from the UI: refused (not repaired) when wrong. */
export const wellbeingPatchSchema = wellbeingOverridesSchema.strict();

/** Team-pack wellbeing: the overrides plus the older shorthand `intervalsMinutes` (kept valid). */
export interface PackWellbeingLike extends WellbeingOverrides {
  intervalsMinutes?: Partial<Record<PromptKind, number>>;
}

/** The kinds a pack's `intervalsMinutes` may name (the repeating ones). */
export const PACK_INTERVAL_KINDS = INTERVAL_KINDS;

/**
 * Reads the agent's stored wellbeing choices. Each damaged value is dropped on its own (the field
 * then falls back to the team's or the built-in default); the good ones are kept.
 */
export function parseWellbeingPrefs(raw: unknown): WellbeingOverrides {
  const out: WellbeingOverrides = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return out;
  const r = raw as Record<string, unknown>;
  const prompts = repairPrompts(r.prompts);
  if (prompts) out.prompts = prompts;
  for (const f of SCALAR_FIELDS) {
    if (r[f] === undefined) continue;
    if (f === 'breaks') {
      if (!Array.isArray(r.breaks)) continue;
      const kept: BreakSlot[] = [];
      for (const b of r.breaks) {
        const slot = breakSlotSchema.safeParse(b);
        if (slot.success && !kept.some((k) => k.start === slot.data.start) && kept.length < MAX_BREAK_SLOTS)
          kept.push(slot.data);
      }
      out.breaks = kept;
      continue;
    }
    const v = SCALAR_SCHEMAS[f].safeParse(r[f]);
    if (v.success) (out as Record<string, unknown>)[f] = v.data;
  }
  return out;
}

function repairPrompts(raw: unknown): WellbeingOverrides['prompts'] | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: NonNullable<WellbeingOverrides['prompts']> = {};
  for (const k of PROMPT_KINDS) {
    const p = (raw as Record<string, unknown>)[k];
    if (!p || typeof p !== 'object') continue;
    const entry: { on?: boolean; minutes?: number } = {};
    const on = z.boolean().safeParse((p as Record<string, unknown>).on);
    if (on.success) entry.on = on.data;
    const minutes = minutesSchema(k).safeParse((p as Record<string, unknown>).minutes);
    if (minutes.success) entry.minutes = minutes.data;
    if (entry.on !== undefined || entry.minutes !== undefined) out[k] = entry;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Reads the `wellbeing` key of enterprise policy. Each field that validates is kept; each that
 * does not is ignored and reported by its path (shown in Options).
 */
export function parseWellbeingPolicy(raw: unknown): { policy: WellbeingOverrides; problems: string[] } {
  const problems: string[] = [];
  if (raw === undefined) return { policy: {}, problems };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return { policy: {}, problems: ['wellbeing: expected an object'] };
  const r = raw as Record<string, unknown>;
  const policy: WellbeingOverrides = {};
  if (r.prompts !== undefined) {
    if (r.prompts && typeof r.prompts === 'object' && !Array.isArray(r.prompts)) {
      const prompts: NonNullable<WellbeingOverrides['prompts']> = {};
      for (const [k, v] of Object.entries(r.prompts as Record<string, unknown>)) {
        if (!(PROMPT_KINDS as readonly string[]).includes(k)) {
          problems.push(`wellbeing.prompts.${k}: not a prompt kind (${PROMPT_KINDS.join(', ')})`);
          continue;
        }
        const checked = promptOverrideShape[k as PromptKind].safeParse(v);
        if (checked.success) prompts[k as PromptKind] = checked.data;
        else problems.push(`wellbeing.prompts.${k}: ${issueText(checked.error)}`);
      }
      policy.prompts = prompts;
    } else problems.push('wellbeing.prompts: expected an object');
  }
  for (const f of SCALAR_FIELDS) {
    if (r[f] === undefined) continue;
    const checked = SCALAR_SCHEMAS[f].safeParse(r[f]);
    if (checked.success) (policy as Record<string, unknown>)[f] = checked.data;
    else problems.push(`wellbeing.${f}: ${issueText(checked.error)}`);
  }
  return { policy, problems };
}

function issueText(error: z.ZodError): string {
  const i = error.issues[0];
  if (!i) return 'invalid';
  const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return path ? `${path.slice(path.startsWith('.') ? 1 : 0)}: ${i.message}` : i.message;
}

/** Where a value in force came from. */
export type FieldSource = 'default' | 'pack' | 'agent' | 'policy';

/** The settings in force, where each field came from, and which fields policy locks. */
export interface EffectiveWellbeing {
  settings: WellbeingSettings;
  sources: Record<WellbeingField, FieldSource>;
  /** Fields the agent cannot change (set by policy). */
  locks: WellbeingField[];
}

/**
 * Merges the layers: for each field, policy, else the agent's own choice, else the first team
 * pack that sets it (callers pass packs in a stable order: policy packs first, then by id), else
 * the built-in default. A pack's `intervalsMinutes` counts as `prompts.<kind>.minutes`.
 */
export function effectiveWellbeing(
  agent: WellbeingOverrides,
  packs: readonly PackWellbeingLike[] = [],
  policy: WellbeingOverrides = {},
): EffectiveWellbeing {
  const sources = {} as Record<WellbeingField, FieldSource>;
  const pick = <T>(field: WellbeingField, get: (o: PackWellbeingLike) => T | undefined, fallback: T): T => {
    const fromPolicy = get(policy);
    if (fromPolicy !== undefined) return ((sources[field] = 'policy'), fromPolicy);
    const own = get(agent);
    if (own !== undefined) return ((sources[field] = 'agent'), own);
    for (const p of packs) {
      const v = get(p);
      if (v !== undefined) return ((sources[field] = 'pack'), v);
    }
    sources[field] = 'default';
    return fallback;
  };
  const prompts = {} as Record<PromptKind, PromptSetting>;
  for (const k of PROMPT_KINDS) {
    const d = DEFAULT_WELLBEING.prompts[k];
    prompts[k] = {
      on: pick(`prompts.${k}.on`, (o) => o.prompts?.[k]?.on, d.on),
      minutes: pick(`prompts.${k}.minutes`, (o) => o.prompts?.[k]?.minutes ?? o.intervalsMinutes?.[k], d.minutes),
    };
  }
  const settings = { prompts } as WellbeingSettings;
  for (const f of SCALAR_FIELDS) {
    (settings as unknown as Record<string, unknown>)[f] = pick(f, (o) => o[f], DEFAULT_WELLBEING[f]);
  }
  return {
    settings,
    sources,
    locks: WELLBEING_FIELDS.filter((f) => sources[f] === 'policy'),
  };
}

/**
 * Applies a change to the agent's own choices (prompts merged kind by kind). Validates the change
 * first; throws naming the field and changes nothing when it is wrong.
 */
export function updateWellbeingPrefs(prefs: WellbeingOverrides, change: unknown): WellbeingOverrides {
  const checked = wellbeingPatchSchema.safeParse(change);
  if (!checked.success) throw new Error(`Invalid wellbeing settings: ${issueText(checked.error)}`);
  const next: WellbeingOverrides = { ...prefs, ...checked.data };
  if (checked.data.prompts) {
    next.prompts = { ...prefs.prompts };
    for (const [k, v] of Object.entries(checked.data.prompts) as [PromptKind, { on?: boolean; minutes?: number }][])
      next.prompts[k] = { ...prefs.prompts?.[k], ...v };
  }
  return next;
}

/** Drops the agent's own choice for a field, so the team's or built-in default applies again. */
export function resetWellbeingField(prefs: WellbeingOverrides, field: WellbeingField): WellbeingOverrides {
  const next: WellbeingOverrides = { ...prefs };
  const m = /^prompts\.(\w+)\.(on|minutes)$/.exec(field);
  if (!m) {
    delete next[field as ScalarField];
    return next;
  }
  const kind = m[1] as PromptKind;
  const entry = { ...prefs.prompts?.[kind] };
  delete entry[m[2] as 'on' | 'minutes'];
  next.prompts = { ...prefs.prompts, [kind]: entry };
  if (entry.on === undefined && entry.minutes === undefined) delete next.prompts[kind];
  return next;
}
