import * as v from 'valibot';
import { AGENT_STATES, OTHER_CODE_MESSAGE, OTHER_CODE_PATTERN } from '../time/state-catalogue';
import { patternRefusal, type PatternRefusal } from './safe-pattern';

/**
 * Page rules, defined once (valibot, small enough for the console content script, which evaluates
 * them on every console page) and used everywhere: the content script, the settings and team pack
 * schemas (zod, through utils/zod-valibot.ts), Options and the background.
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

const noBraces = v.check((s: string) => !/[{}]/.test(s), 'a CSS selector cannot contain { or }');

/** The same rule as `otherCodeSchema` (utils/time/states.ts), built from the same pattern. */
const otherCode = v.pipe(v.string(), v.regex(OTHER_CODE_PATTERN, OTHER_CODE_MESSAGE));

/** A text pattern refused because the linear-time matcher does not run it; `requirement` says why. */
export interface PatternRefusalIssue extends v.BaseIssue<string> {
  readonly kind: 'validation';
  readonly type: 'runnable_pattern';
  readonly expected: null;
  readonly requirement: PatternRefusal;
}

/**
 * Valid JavaScript, but not something the linear-time matcher runs (utils/console/safe-pattern.ts):
 * the issue carries the refusal (Options words it in the agent's language) and its English message.
 */
function runnablePattern(): v.BaseValidation<string, string, PatternRefusalIssue> {
  return {
    kind: 'validation',
    type: 'runnable_pattern',
    reference: runnablePattern,
    expects: null,
    async: false,
    '~run'(dataset, config) {
      const problem = dataset.typed && isValidRegExp(dataset.value) ? patternRefusal(dataset.value) : null;
      if (problem)
        v._addIssue({ ...this, requirement: problem.refusal, message: problem.message }, 'pattern', dataset, config);
      return dataset;
    },
  };
}

/**
 * A page rule: when an element matching `selector` is on the console page (and, with
 * `textPattern`, its text matches that regular expression), the agent is in `state` (with `code`
 * for `other`). Patterns are limited to what the linear-time matcher runs (no backreferences or
 * lookarounds; see utils/console/safe-pattern.ts), so no pattern can freeze the console page. Rules
 * are tried in order; the first that matches decides. Evaluated by the content script; the agent
 * keeps them per console site in Options, and team packs carry them per site. Selectors are
 * trimmed; unknown keys are dropped.
 */
export const pageRuleSchema = v.pipe(
  v.object({
    selector: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(300), noBraces),
    textPattern: v.optional(
      v.pipe(v.string(), v.maxLength(200), v.check(isValidRegExp, 'not a valid regular expression'), runnablePattern()),
    ),
    state: v.picklist(AGENT_STATES),
    code: v.optional(otherCode),
  }),
  v.forward(
    v.check(
      (r) => (r.state === 'other') === (r.code !== undefined),
      'a rule for "other" needs a code, and only "other" takes one',
    ),
    ['code'],
  ),
);
export type PageRule = v.InferOutput<typeof pageRuleSchema>;

/**
 * An element whose text describes the case at hand (e.g. the ticket subject); when the palette
 * opens empty, its text pre-ranks suggestions. Trimmed; may be empty.
 */
export const contextSelectorSchema = v.pipe(v.string(), v.trim(), v.maxLength(300), noBraces);

/** The agent's page rules for one console site (`site` is a pattern from `consoleSites`). */
export const siteRulesSchema = v.object({
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  rules: v.pipe(v.array(pageRuleSchema), v.maxLength(50)),
  contextSelector: v.optional(contextSelectorSchema),
});
export type SiteRules = v.InferOutput<typeof siteRulesSchema>;

/** Keeps the valid site-rules entries of a stored list, in order (anything but a list gives none). */
export function keepValidSiteRules(raw: unknown): SiteRules[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const r = v.safeParse(siteRulesSchema, item);
    return r.success ? [r.output] : [];
  });
}
