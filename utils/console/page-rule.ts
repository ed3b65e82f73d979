import { z } from 'zod';
import { AGENT_STATES, otherCodeSchema } from '../time/states';
import { isValidRegExp } from './page-rule-guard';
import { patternRefusal } from './safe-pattern';

/**
 * A page rule: when an element matching `selector` is on the console page (and, with
 * `textPattern`, its text matches that regular expression), the agent is in `state` (with `code`
 * for `other`). Patterns are limited to what the linear-time matcher runs (no backreferences or
 * lookarounds; see utils/console/safe-pattern.ts), so no pattern can freeze the console page. Rules are tried in order; the first that matches decides. Evaluated by the content
 * script; the agent keeps them per console site in Options, and team packs carry them per site.
 */
export const pageRuleSchema = z
  .object({
    selector: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .refine((s) => !/[{}]/.test(s), 'a CSS selector cannot contain { or }'),
    textPattern: z
      .string()
      .max(200)
      .optional()
      .refine((p) => p === undefined || isValidRegExp(p), 'not a valid regular expression')
      .superRefine((p, ctx) => {
        // Valid JavaScript, but not something the linear-time matcher runs (utils/console/safe-pattern.ts).
        const problem = p === undefined || !isValidRegExp(p) ? null : patternRefusal(p);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.message, params: { refusal: problem.refusal } });
      }),
    state: z.enum(AGENT_STATES),
    code: otherCodeSchema.optional(),
  })
  .refine((r) => (r.state === 'other') === (r.code !== undefined), {
    path: ['code'],
    message: 'a rule for "other" needs a code, and only "other" takes one',
  });
export type PageRule = z.infer<typeof pageRuleSchema>;

/** The agent's page rules for one console site (`site` is a pattern from `consoleSites`). */
export const siteRulesSchema = z.object({
  site: z.string().min(1).max(300),
  rules: z.array(pageRuleSchema).max(50),
  /**
   * An element whose text describes the case at hand (e.g. the ticket subject); when the palette
   * opens empty, its text pre-ranks suggestions.
   */
  contextSelector: z
    .string()
    .trim()
    .max(300)
    .refine((s) => !/[{}]/.test(s), 'a CSS selector cannot contain { or }')
    .optional(),
});
export type SiteRules = z.infer<typeof siteRulesSchema>;

/** True when `source` compiles as a Unicode regular expression (defined in the zod-free ./page-rule-guard.ts). */
export { isValidRegExp };
