import { z } from 'zod';
import { AGENT_STATES } from '../time/states';

/**
 * A page rule: when an element matching `selector` is on the console page (and, with
 * `textPattern`, its text matches that regular expression), the agent is in `state`. Evaluated by
 * the content script; carried by team packs per console site.
 */
export const pageRuleSchema = z.object({
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
    .refine((p) => p === undefined || isValidRegExp(p), 'not a valid regular expression'),
  state: z.enum(AGENT_STATES),
});
export type PageRule = z.infer<typeof pageRuleSchema>;

function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}
