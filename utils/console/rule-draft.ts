import type { PageRule } from './page-rule';
import type { AgentState } from '../time/states';

/**
 * A page rule as the Options form edits it: strings as typed, turned back into the shape the
 * settings schema checks. Plain TypeScript (no browser globals).
 */

/** A rule as edited in the form (strings as typed; `key` keeps React rows and focus stable). */
export interface DraftRule {
  key: number;
  selector: string;
  textPattern: string;
  state: AgentState;
  code: string;
}

let nextKey = 1;

/** A draft of a stored rule (a new `key` each time). */
export function toDraft(rule: PageRule): DraftRule {
  return {
    key: nextKey++,
    selector: rule.selector,
    textPattern: rule.textPattern ?? '',
    state: rule.state,
    code: rule.code ?? '',
  };
}

/** A new, empty rule (state `talk`). */
export function emptyRule(): DraftRule {
  return { key: nextKey++, selector: '', textPattern: '', state: 'talk', code: '' };
}

/** The rule a draft stands for (an empty text pattern means "any text"; only `other` keeps a code). */
export function fromDraft(d: DraftRule): Record<string, unknown> {
  const rule: Record<string, unknown> = { selector: d.selector, state: d.state };
  if (d.textPattern !== '') rule.textPattern = d.textPattern;
  if (d.state === 'other') rule.code = d.code === '' ? undefined : d.code;
  return rule;
}
