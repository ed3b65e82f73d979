import { z } from 'zod';
import { placeholderKeySchema } from '../kb/article';
import { MAX_PAGE_VALUES, type PageValueField } from './page-values-read';
import { isConsoleUrl } from './sites';

/**
 * Placeholders filled from the page: per console site, which element shows the value of a
 * placeholder key (`orderNumber` → `[data-field="order-id"]`). The agent keeps these per site in
 * Options (`settings.pageValues`); a team pack carries them per console site (`pageValues`). The
 * palette's placeholder form opens with those values read from the page, still editable.
 */

/** A CSS selector as stored: trimmed, 1–300 characters, no braces (whether it parses is checked where a DOM is). */
export const pageValueSelectorSchema = z
  .string()
  .trim()
  .min(1, 'write a CSS selector')
  .max(300)
  .refine((s) => !/[{}]/.test(s), 'a CSS selector cannot contain { or }');

/** One mapping: a placeholder key and the selector of the element showing its value. */
export const pageValueFieldSchema = z.object({ key: placeholderKeySchema, selector: pageValueSelectorSchema });

function uniqueKeys(fields: readonly { key: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: [i, 'key'], message: `${f.key} is mapped twice` });
    seen.add(f.key);
  });
}

/** The mappings of one site: at most {@link MAX_PAGE_VALUES}, each key once. */
export const pageValueFieldsSchema = z.array(pageValueFieldSchema).max(MAX_PAGE_VALUES).superRefine(uniqueKeys);

/** The agent's mappings for one console site (`site` is a pattern from `consoleSites`). */
export const sitePageValuesSchema = z.object({
  site: z.string().min(1).max(300),
  fields: pageValueFieldsSchema,
});
export type SitePageValues = z.infer<typeof sitePageValuesSchema>;

/**
 * The mappings that apply on the page at `url`, for the keys asked: the agent's own sites first,
 * then the team packs' (a key the agent mapped keeps the agent's selector). At most
 * {@link MAX_PAGE_VALUES}.
 */
export function pageValueFieldsFor(
  url: string,
  keys: readonly string[],
  agent: readonly SitePageValues[],
  packSites: readonly { pattern: string; pageValues?: readonly PageValueField[] | undefined }[],
): PageValueField[] {
  const wanted = new Set(keys);
  const out: PageValueField[] = [];
  const taken = new Set<string>();
  const add = (fields: readonly PageValueField[]) => {
    for (const f of fields) {
      if (!wanted.has(f.key) || taken.has(f.key) || out.length >= MAX_PAGE_VALUES) continue;
      taken.add(f.key);
      out.push({ key: f.key, selector: f.selector });
    }
  };
  const matches = (pattern: string) => {
    try {
      return isConsoleUrl(url, [pattern]);
    } catch {
      return false;
    }
  };
  for (const s of agent) if (matches(s.site)) add(s.fields);
  for (const s of packSites) if (matches(s.pattern)) add(s.pageValues ?? []);
  return out;
}
