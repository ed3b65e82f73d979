import { z } from 'zod';
import { DEFAULT_HOTKEY, hotkeySchema, parseHotkeyString, type Hotkey } from './console/hotkey';
import { parseSitePattern } from './console/sites';
import { parsePackUrl } from './kb/pack-url';

/** The agent's language choice: follow the browser, or a fixed language. */
export const LANGUAGE_PREFS = ['auto', 'zh-CN', 'en'] as const;
export type LanguagePref = (typeof LANGUAGE_PREFS)[number];

/** Keeps the valid, distinct site patterns of a stored list, in order (bad entries are dropped). */
function cleanSites(list: unknown[]): string[] {
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const parsed = parseSitePattern(item);
    if (parsed.ok && !out.includes(parsed.pattern)) out.push(parsed.pattern);
  }
  return out;
}

/**
 * The agent's own settings, as stored in `local:settings`. Reading repairs each field to its
 * default when the stored value is damaged, so one bad field never costs the agent the others.
 */
export const settingsSchema = z.object({
  language: z.enum(LANGUAGE_PREFS).catch('auto'),
  hotkey: hotkeySchema.catch(DEFAULT_HOTKEY),
  consoleSites: z.array(z.unknown()).catch([]).transform(cleanSites),
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
