import * as v from 'valibot';
import { DEFAULT_HOTKEY, type Hotkey } from './hotkey';
import { hotkeyInForce, hotkeySchema } from './hotkey-schema';
import { keepValidSiteRules, type SiteRules } from './page-rule';
import { cleanSitePatterns } from './sites';

/**
 * The stored settings fields the console content script reads, defined once (valibot): the
 * content script reads them with these, and `settingsSchema` in utils/settings.ts embeds the same
 * schemas (through utils/zod-valibot.ts). Each damaged field falls back on its own.
 */

/** The agent's hotkey; the default when the stored one is damaged. */
export const storedHotkeySchema = v.fallback(hotkeySchema, DEFAULT_HOTKEY);

/** The agent's console sites: the valid, distinct patterns of the stored list, in order. */
export const storedConsoleSitesSchema = v.pipe(
  v.fallback(v.array(v.unknown()), []),
  v.transform((list): string[] => cleanSitePatterns(list)),
);

/** The agent's page rules per site: the valid entries of the stored list, one per site (the first). */
export const storedPageRulesSchema = v.pipe(
  v.fallback(v.array(v.unknown()), []),
  v.transform((list): SiteRules[] => {
    const seen = new Set<string>();
    return keepValidSiteRules(list).filter((r) => (seen.has(r.site) ? false : (seen.add(r.site), true)));
  }),
);

const consoleFieldsSchema = v.object({
  consoleSites: storedConsoleSitesSchema,
  pageRules: storedPageRulesSchema,
});

/** The settings the console content script uses. */
export interface ConsoleSettings {
  hotkey: Hotkey;
  /** Policy sites first, then the agent's own. */
  consoleSites: string[];
  /** The agent's page rules per site (policy does not set these). */
  pageRules: SiteRules[];
}

const isRecord = (raw: unknown): raw is Record<string, unknown> =>
  typeof raw === 'object' && raw !== null && !Array.isArray(raw);

/**
 * The settings in force from the stored agent settings and the managed policy (both unchecked):
 * as `effectiveSettings(parseSettings(…), parsePolicy(…).policy)` in utils/settings.ts gives them
 * for these fields — policy wins.
 */
export function consoleSettingsFrom(rawSettings: unknown, rawPolicy: unknown): ConsoleSettings {
  const agent = v.parse(consoleFieldsSchema, isRecord(rawSettings) ? rawSettings : {});
  const policy = isRecord(rawPolicy) ? rawPolicy : {};
  const policySites = Array.isArray(policy.consoleSites) ? cleanSitePatterns(policy.consoleSites) : [];
  return {
    hotkey: hotkeyInForce(isRecord(rawSettings) ? rawSettings.hotkey : undefined, policy.hotkey),
    consoleSites: [...policySites, ...agent.consoleSites.filter((s) => !policySites.includes(s))],
    pageRules: agent.pageRules,
  };
}
