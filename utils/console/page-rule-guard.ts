import type { PageRule, SiteRules } from './page-rule';
import { AGENT_STATES, OTHER_CODE_PATTERN } from '../time/state-catalogue';
import { patternRefusal } from './safe-pattern';

/**
 * Hand-written readers for page rules, for the console content script (which must stay small, so it
 * does not carry zod). They accept and produce exactly what `pageRuleSchema` and `siteRulesSchema`
 * in ./page-rule.ts do (trimmed selectors, unknown keys dropped); test/unit/console-guards.test.ts
 * checks them against the schemas, which stay the source of truth.
 */

/** True when `source` compiles as a Unicode regular expression. */
export function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/** A plain object (not null, not an array), as zod's `z.object` accepts. */
export function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}

/** A CSS selector as rules store it: trimmed, 1–300 characters (or 0 when `allowEmpty`), no braces. */
function readSelector(raw: unknown, allowEmpty: boolean): string | null {
  if (typeof raw !== 'string') return null;
  const s = raw.trim();
  if ((!allowEmpty && s.length < 1) || s.length > 300 || /[{}]/.test(s)) return null;
  return s;
}

/** Reads one page rule, or null when it does not fit `pageRuleSchema`. */
export function readPageRule(raw: unknown): PageRule | null {
  if (!isRecord(raw)) return null;
  const selector = readSelector(raw.selector, false);
  if (selector === null) return null;
  const { textPattern, state, code } = raw;
  if (textPattern !== undefined && (typeof textPattern !== 'string' || textPattern.length > 200)) return null;
  if (textPattern !== undefined && (!isValidRegExp(textPattern) || patternRefusal(textPattern))) return null;
  if (typeof state !== 'string' || !(AGENT_STATES as readonly string[]).includes(state)) return null;
  if (code !== undefined && (typeof code !== 'string' || !OTHER_CODE_PATTERN.test(code))) return null;
  if ((state === 'other') !== (code !== undefined)) return null;
  const rule: PageRule = { selector, state: state as PageRule['state'] };
  if (textPattern !== undefined) rule.textPattern = textPattern;
  if (code !== undefined) rule.code = code;
  return rule;
}

/** Reads a list of at most `max` page rules; null when it is not a list or any rule is invalid. */
export function readPageRules(raw: unknown, max = 50): PageRule[] | null {
  if (!Array.isArray(raw) || raw.length > max) return null;
  const rules: PageRule[] = [];
  for (const item of raw) {
    const rule = readPageRule(item);
    if (!rule) return null;
    rules.push(rule);
  }
  return rules;
}

/** Reads one site's rules, or null when it does not fit `siteRulesSchema`. */
export function readSiteRules(raw: unknown): SiteRules | null {
  if (!isRecord(raw)) return null;
  const { site, contextSelector } = raw;
  if (typeof site !== 'string' || site.length < 1 || site.length > 300) return null;
  const rules = readPageRules(raw.rules);
  if (!rules) return null;
  const entry: SiteRules = { site, rules };
  if (contextSelector !== undefined) {
    const selector = readSelector(contextSelector, true);
    if (selector === null) return null;
    entry.contextSelector = selector;
  }
  return entry;
}

/** Keeps the valid site-rules entries of a stored list (anything but a list gives none). */
export function readSiteRulesList(raw: unknown): SiteRules[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const entry = readSiteRules(item);
    return entry ? [entry] : [];
  });
}
