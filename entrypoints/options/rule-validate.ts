import * as v from 'valibot';
import { siteRulesSchema, type SiteRules } from '@/utils/console/page-rule';
import { fromDraft, type DraftRule } from '@/utils/console/rule-draft';
import type { MessageKey, Translate } from '@/utils/i18n';
import { patternRefusalText } from './RuleProblemNote';

/**
 * Checks the page-rules form before Save or Test, with the settings' own schema and the browser's
 * selector parser; messages are translated and name the field.
 */

type FieldName = 'selector' | 'textPattern' | 'state' | 'code';
/** Errors by `<rule key>:<field>`, `context` or `list`. */
export type Errors = Record<string, string>;

const FIELD_LABEL: Record<FieldName | 'context', MessageKey> = {
  selector: 'rules.selector',
  textPattern: 'rules.textPattern',
  state: 'rules.state',
  code: 'rules.code',
  context: 'rules.contextSelector',
};

/** True when the browser accepts `selector` (checked on a detached fragment, so nothing is touched). */
function selectorParses(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Our translated message for a schema issue on a field. */
function issueMessage(
  t: Translate,
  field: FieldName | 'context',
  type: string,
  max: number | undefined,
  refusal?: unknown,
): string {
  if (field === 'code') return t('rules.errors.code');
  if (field === 'textPattern' && patternRefusalText(t, refusal)) return patternRefusalText(t, refusal)!;
  if (type === 'min_length') return t('rules.errors.required');
  if (type === 'max_length') return t('rules.errors.tooLong', { max: max ?? 300 });
  if (field === 'textPattern') return t('rules.errors.pattern');
  if (field === 'selector' || field === 'context') return t('rules.errors.braces');
  return t('rules.errors.other');
}

/**
 * Checks a site's draft with the same schema the settings use, plus the browser's own selector
 * parser; returns the rules to store, or the errors by field (translated, naming the field).
 */
export function validate(
  t: Translate,
  site: string,
  drafts: DraftRule[],
  context: string,
): { value: SiteRules; errors: null } | { value: null; errors: Errors } {
  const errors: Errors = {};
  const add = (key: string, field: FieldName | 'context', message: string) => {
    errors[key] ??= t('rules.fieldError', { field: t(FIELD_LABEL[field]), message });
  };
  const candidate: Record<string, unknown> = { site, rules: drafts.map(fromDraft) };
  if (context.trim() !== '') candidate.contextSelector = context;
  const parsed = v.safeParse(siteRulesSchema, candidate);
  if (!parsed.success) {
    for (const issue of parsed.issues) {
      const [top, index, field] = (issue.path ?? []).map((item) => item.key);
      const max = issue.type === 'max_length' ? Number(issue.requirement) : undefined;
      if (top === 'rules' && typeof index === 'number' && drafts[index]) {
        const f = (typeof field === 'string' ? field : 'selector') as FieldName;
        // The pattern is valid JavaScript but not something the linear-time matcher runs: say why.
        const refusal = issue.type === 'runnable_pattern' ? issue.requirement : undefined;
        add(`${drafts[index].key}:${f}`, f, issueMessage(t, f, issue.type, max, refusal));
      } else if (top === 'rules') errors.list = t('rules.errors.tooMany');
      else if (top === 'contextSelector') add('context', 'context', issueMessage(t, 'context', issue.type, max));
    }
  }
  drafts.forEach((d) => {
    if (d.selector.trim() !== '' && !selectorParses(d.selector.trim()))
      add(`${d.key}:selector`, 'selector', t('rules.errors.selectorSyntax'));
  });
  if (context.trim() !== '' && !selectorParses(context.trim()))
    add('context', 'context', t('rules.errors.selectorSyntax'));
  if (!parsed.success || Object.keys(errors).length > 0) return { value: null, errors };
  return { value: parsed.output, errors: null };
}
