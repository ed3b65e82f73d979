import { z } from 'zod';
import { parseHotkeyString, type Hotkey } from './console/hotkey';
import { hotkeySchema as hotkeyV } from './console/hotkey-schema';
import { siteRulesSchema as siteRulesV } from './console/page-rule';
import { storedConsoleSitesSchema, storedHotkeySchema, storedPageRulesSchema } from './console/console-settings';
import { fromValibot } from './zod-valibot';
import { sitePageValuesSchema, type SitePageValues } from './console/page-values';
import { cleanSitePatterns, parseSitePattern } from './console/sites';
import { BUILTIN_OTHER_CODES, otherCodeSchema } from './time/states';
import { parsePackUrl } from './kb/pack-url';
import {
  parseWellbeingPolicy,
  parseWellbeingPrefs,
  wellbeingPatchSchema,
  type WellbeingOverrides,
} from './wellbeing/settings';

/** The agent's language choice: follow the browser, or a fixed language. */
export const LANGUAGE_PREFS = ['auto', 'zh-CN', 'en'] as const;
export type LanguagePref = (typeof LANGUAGE_PREFS)[number];

/** Keeps the valid, distinct site patterns of a stored list, in order (bad entries are dropped). */
const cleanSites = cleanSitePatterns;

/** The stored hotkey and page rules (defined once in utils/console/, shared with the content script). */
const hotkeySchema = fromValibot(hotkeyV);
const siteRulesSchema = fromValibot(siteRulesV);

/** An `other` state code the agent added (built-in codes are translated, these carry their own label). */
export const customOtherCodeSchema = z.object({
  id: otherCodeSchema.refine((id) => !(BUILTIN_OTHER_CODES as readonly string[]).includes(id), 'that code is built in'),
  label: z.string().trim().min(1).max(40),
});
export type CustomOtherCode = z.infer<typeof customOtherCodeSchema>;

/** Break and lunch allowed per shift, in minutes (the dashboard compares what was used). */
export const scheduleSchema = z.object({
  breakMinutes: z.number().int().min(0).max(240),
  lunchMinutes: z.number().int().min(0).max(240),
});
export type Schedule = z.infer<typeof scheduleSchema>;
export const DEFAULT_SCHEDULE: Schedule = { breakMinutes: 30, lunchMinutes: 60 };

/**
 * What a locked screen does to the ledger once it has stayed locked for `minutes`: nothing, mark
 * the agent away (`other:away`), or end the day (`offline`). Never during a call; plain input
 * idleness never counts (agents talk without touching the keyboard).
 */
export const IDLE_LOCK_ACTIONS = ['none', 'away', 'offline'] as const;
export const idleLockSchema = z.object({
  action: z.enum(IDLE_LOCK_ACTIONS),
  minutes: z.number().int().min(1).max(240),
});
export type IdleLock = z.infer<typeof idleLockSchema>;
export const DEFAULT_IDLE_LOCK: IdleLock = { action: 'away', minutes: 10 };

/** Keeps the valid entries of a stored list (bad entries are dropped, one at a time). */
function keepValid<T>(schema: z.ZodType<T>) {
  return (list: unknown[]): T[] =>
    list.flatMap((item) => {
      const r = schema.safeParse(item);
      return r.success ? [r.data] : [];
    });
}

/** One entry per site and one per code id: later duplicates are dropped. */
function distinctBy<T>(key: (t: T) => string) {
  return (list: T[]): T[] => {
    const seen = new Set<string>();
    return list.filter((t) => (seen.has(key(t)) ? false : (seen.add(key(t)), true)));
  };
}

/**
 * The agent's own settings, as stored in `local:settings`. Reading repairs each field to its
 * default when the stored value is damaged, so one bad field never costs the agent the others.
 */
export const settingsSchema = z.object({
  language: z.enum(LANGUAGE_PREFS).catch('auto'),
  // The fields the console content script reads too: the same schemas (utils/console/console-settings.ts).
  hotkey: fromValibot(storedHotkeySchema),
  consoleSites: fromValibot(storedConsoleSitesSchema),
  /** Page rules per console site (see utils/console/page-rule.ts). */
  pageRules: fromValibot(storedPageRulesSchema),
  /** Placeholder values read from the page, per console site (see utils/console/page-values.ts). */
  pageValues: z
    .array(z.unknown())
    .catch([])
    .transform(keepValid(sitePageValuesSchema))
    .transform(distinctBy((r: SitePageValues) => r.site)),
  /** The agent's own `other` codes, besides the built-in ones. */
  otherCodes: z
    .array(z.unknown())
    .catch([])
    .transform(keepValid(customOtherCodeSchema))
    .transform(distinctBy((c: CustomOtherCode) => c.id)),
  schedule: scheduleSchema.catch(DEFAULT_SCHEDULE),
  idleLock: idleLockSchema.catch(DEFAULT_IDLE_LOCK),
  /** How the agent introduces themself; fills the `agentName` placeholder of scripts. */
  agentName: z.string().trim().max(60).catch(''),
  /**
   * The agent's own wellbeing choices, sparse (only what the agent changed; utils/wellbeing/settings.ts
   * `effectiveWellbeing` merges them with team packs and policy). Repaired value by value.
   */
  wellbeing: z.unknown().optional().transform(parseWellbeingPrefs),
});
export type Settings = z.infer<typeof settingsSchema>;

/** A change to the settings, checked strictly before it is written: bad input is refused, not repaired. */
export const settingsPatchSchema = z
  .object({
    language: z.enum(LANGUAGE_PREFS),
    hotkey: hotkeySchema,
    consoleSites: z.array(
      z.string().refine((s) => parseSitePattern(s).ok, { message: 'not a valid console site pattern' }),
    ),
    pageRules: z.array(siteRulesSchema).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((r, i) => {
        if (seen.has(r.site))
          ctx.addIssue({ code: 'custom', path: [i, 'site'], message: 'rules for this site are listed twice' });
        seen.add(r.site);
      });
    }),
    pageValues: z.array(sitePageValuesSchema).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((r, i) => {
        if (seen.has(r.site)) ctx.addIssue({ code: 'custom', path: [i, 'site'], message: 'this site is listed twice' });
        seen.add(r.site);
      });
    }),
    otherCodes: z.array(customOtherCodeSchema).superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'this code is listed twice' });
        seen.add(c.id);
      });
    }),
    schedule: scheduleSchema,
    idleLock: idleLockSchema,
    agentName: z.string().trim().max(60),
    wellbeing: wellbeingPatchSchema,
  })
  .partial()
  .strict();

/** Settings of a fresh install. */
export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Reads stored settings of any shape into valid settings. */
export function parseSettings(raw: unknown): Settings {
  return settingsSchema.parse(raw && typeof raw === 'object' ? raw : {});
}

/**
 * Team-wide settings from enterprise policy (`storage.managed`, schema in
 * `public/managed_schema.json`). Every key present overrides and locks the agent's own.
 */
export interface Policy {
  language?: LanguagePref;
  hotkey?: Hotkey;
  consoleSites?: string[];
  /** Team pack URLs subscribed for everyone (agents cannot remove these packs). */
  packUrls?: string[];
  /** Wellbeing values set for everyone; each one present locks the agent's own. */
  wellbeing?: WellbeingOverrides;
}

/** Reads the managed storage object; keys that do not validate are ignored and reported. */
export function parsePolicy(raw: unknown): { policy: Policy; problems: string[] } {
  const policy: Policy = {};
  const problems: string[] = [];
  if (!raw || typeof raw !== 'object') return { policy, problems };
  const r = raw as Record<string, unknown>;
  if (r.language !== undefined) {
    const lang = z.enum(LANGUAGE_PREFS).safeParse(r.language);
    if (lang.success) policy.language = lang.data;
    else problems.push(`language: expected one of ${LANGUAGE_PREFS.join(', ')}`);
  }
  if (r.hotkey !== undefined) {
    const hk = typeof r.hotkey === 'string' ? parseHotkeyString(r.hotkey) : null;
    if (hk) policy.hotkey = hk;
    else problems.push('hotkey: expected a shortcut such as "Alt+K" with Alt, Ctrl or Meta');
  }
  if (r.consoleSites !== undefined) {
    if (Array.isArray(r.consoleSites)) {
      policy.consoleSites = cleanSites(r.consoleSites);
      r.consoleSites.forEach((s, i) => {
        const ok = typeof s === 'string' && parseSitePattern(s).ok;
        if (!ok) problems.push(`consoleSites[${i}]: not a valid site pattern`);
      });
    } else problems.push('consoleSites: expected a list of URL patterns');
  }
  if (r.packUrls !== undefined) {
    if (Array.isArray(r.packUrls)) {
      const urls: string[] = [];
      r.packUrls.forEach((u, i) => {
        const checked = typeof u === 'string' ? parsePackUrl(u) : null;
        if (!checked?.ok) problems.push(`packUrls[${i}]: ${checked?.message ?? 'expected a URL'}`);
        else if (!urls.includes(checked.url)) urls.push(checked.url);
      });
      policy.packUrls = urls;
    } else problems.push('packUrls: expected a list of https:// addresses');
  }
  if (r.wellbeing !== undefined) {
    const wb = parseWellbeingPolicy(r.wellbeing);
    policy.wellbeing = wb.policy;
    problems.push(...wb.problems);
  }
  return { policy, problems };
}

/** Which settings the organisation has set (the agent cannot change these). */
export interface Locks {
  language: boolean;
  hotkey: boolean;
  /** Site patterns set by policy; the agent may add others but not remove these. */
  consoleSites: string[];
}

/** What Seatmate actually uses: the agent's settings with policy applied on top. */
export function effectiveSettings(agent: Settings, policy: Policy): { settings: Settings; locks: Locks } {
  const policySites = policy.consoleSites ?? [];
  return {
    settings: {
      ...agent,
      language: policy.language ?? agent.language,
      hotkey: policy.hotkey ?? agent.hotkey,
      consoleSites: [...policySites, ...agent.consoleSites.filter((s) => !policySites.includes(s))],
    },
    locks: {
      language: policy.language !== undefined,
      hotkey: policy.hotkey !== undefined,
      consoleSites: policySites,
    },
  };
}
