import { DEFAULT_HOTKEY, parseHotkeyString, readHotkey, type Hotkey } from './hotkey';
import type { SiteRules } from './page-rule';
import { isRecord, readSiteRulesList } from './page-rule-guard';
import { cleanSitePatterns } from './sites';

/**
 * The few settings the console content script needs, read without zod so the script that runs on
 * every console page stays small. Same rules as utils/settings.ts (`parseSettings`, `parsePolicy`,
 * `effectiveSettings`) for these fields — each damaged field falls back on its own, policy wins —
 * checked against them by test/unit/console-guards.test.ts.
 */
export interface ConsoleSettings {
  hotkey: Hotkey;
  /** Policy sites first, then the agent's own. */
  consoleSites: string[];
  /** The agent's page rules per site (policy does not set these). */
  pageRules: SiteRules[];
}

/** The settings in force from the stored agent settings and the managed policy (both unchecked). */
export function consoleSettingsFrom(rawSettings: unknown, rawPolicy: unknown): ConsoleSettings {
  const agent = isRecord(rawSettings) ? rawSettings : {};
  const policy = isRecord(rawPolicy) ? rawPolicy : {};
  const agentSites = Array.isArray(agent.consoleSites) ? cleanSitePatterns(agent.consoleSites) : [];
  const policySites = Array.isArray(policy.consoleSites) ? cleanSitePatterns(policy.consoleSites) : [];
  const policyHotkey = typeof policy.hotkey === 'string' ? parseHotkeyString(policy.hotkey) : null;
  const seen = new Set<string>();
  const pageRules = readSiteRulesList(agent.pageRules).filter((r) =>
    seen.has(r.site) ? false : (seen.add(r.site), true),
  );
  return {
    hotkey: policyHotkey ?? readHotkey(agent.hotkey) ?? DEFAULT_HOTKEY,
    consoleSites: [...policySites, ...agentSites.filter((s) => !policySites.includes(s))],
    pageRules,
  };
}
