import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { allOtherCodes, codeLabel, stateLabel } from '@/components/stateLabel';
import * as v from 'valibot';
import { siteRulesSchema, type PageRule, type SiteRules } from '@/utils/console/page-rule';
import { savePackPageRules } from '@/utils/console/page-rules-store';
import { packSiteRules } from '@/utils/console/rule-eval';
import { getDb } from '@/utils/db';
import type { MessageKey, Translate } from '@/utils/i18n';
import type { InstalledPack } from '@/utils/kb/pack-record';
import type { RuleTestPage } from '@/utils/messages';
import { sendToBackground } from '@/utils/messaging';
import type { CustomOtherCode } from '@/utils/settings';
import { loadSettings, saveSettings } from '@/utils/settings-store';
import { AGENT_STATES, type AgentState } from '@/utils/time/states';
import type { RuleProblem } from '@/utils/console/rule-problems';
import { ruleKey } from '@/utils/console/rule-health';
import { RuleProblemNote, draftRuleKey, patternRefusalText, useRuleProblems } from './RuleProblemNote';

/** A rule as edited in the form (strings as typed; `key` keeps React rows and focus stable). */
interface DraftRule {
  key: number;
  selector: string;
  textPattern: string;
  state: AgentState;
  code: string;
}

let nextKey = 1;

function toDraft(rule: PageRule): DraftRule {
  return {
    key: nextKey++,
    selector: rule.selector,
    textPattern: rule.textPattern ?? '',
    state: rule.state,
    code: rule.code ?? '',
  };
}

function emptyRule(): DraftRule {
  return { key: nextKey++, selector: '', textPattern: '', state: 'talk', code: '' };
}

/** The rule a draft stands for (an empty text pattern means "any text"; only `other` keeps a code). */
function fromDraft(d: DraftRule): Record<string, unknown> {
  const rule: Record<string, unknown> = { selector: d.selector, state: d.state };
  if (d.textPattern !== '') rule.textPattern = d.textPattern;
  if (d.state === 'other') rule.code = d.code === '' ? undefined : d.code;
  return rule;
}

type FieldName = 'selector' | 'textPattern' | 'state' | 'code';
/** Errors by `<rule key>:<field>`, `context` or `list`. */
type Errors = Record<string, string>;

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
function validate(
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

/**
 * Options → Page rules: per console site, an ordered list of rules the agent edits (selector, text
 * pattern, state), the case element, Save, and a tester that outlines what the rules match on the
 * open console page. Rules from team packs are listed read-only. Also keeps the content scripts'
 * copy of pack rules current when packs are imported or removed on this page.
 */
export function RulesSection() {
  const { t, settings } = useI18n();
  const packs = useLiveQuery(() => getDb().packs.toArray(), []);
  const problems = useRuleProblems();

  useEffect(() => {
    if (packs) void savePackPageRules(packSiteRules(packs)).catch(() => undefined);
  }, [packs]);

  if (!settings) return null;
  const sites = settings.settings.consoleSites;
  const packRules = (packs ?? [])
    .filter((p) => p.consoleSites.some((s) => s.pageRules.length > 0))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="card rules" aria-labelledby="rules-heading" data-testid="rules-section">
      <h2 id="rules-heading">{t('rules.heading')}</h2>
      <p className="sm-muted">{t('rules.help')}</p>
      <p className="sm-muted">{t('rules.precedence')}</p>
      {sites.length === 0 ? (
        <p className="empty sm-muted" data-testid="rules-no-sites">
          {t('rules.noSites')}
        </p>
      ) : (
        sites.map((site) => (
          <SiteRulesEditor
            key={site}
            site={site}
            saved={settings.settings.pageRules.find((r) => r.site === site) ?? null}
            customCodes={settings.settings.otherCodes}
            problems={problems}
          />
        ))
      )}
      {packRules.length > 0 ? (
        <PackRules packs={packRules} customCodes={settings.settings.otherCodes} problems={problems} />
      ) : null}
    </section>
  );
}

type Notice = { kind: 'ok' | 'error'; text: string; undo?: { rule: DraftRule; index: number } } | null;
type TestState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; pages: RuleTestPage[] };

function SiteRulesEditor({
  site,
  saved,
  customCodes,
  problems,
}: {
  site: string;
  saved: SiteRules | null;
  customCodes: readonly CustomOtherCode[];
  /** Rules switched off on console pages, by rule key. */
  problems: ReadonlyMap<string, RuleProblem>;
}) {
  const { t } = useI18n();
  const savedKey = JSON.stringify(saved);
  const [drafts, setDrafts] = useState<DraftRule[]>(() => (saved?.rules ?? []).map(toDraft));
  const [context, setContext] = useState(saved?.contextSelector ?? '');
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState<Notice>(null);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const listRef = useRef<HTMLOListElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const idBase = `rules-${site.replace(/[^a-z0-9]+/gi, '-')}`;

  // Saved elsewhere (another Options tab, the demo seed, our own Save) while nothing here is
  // edited: show what is stored (adjusted during render, not in an effect).
  const [shownKey, setShownKey] = useState(savedKey);
  if (savedKey !== shownKey && !dirty) {
    setShownKey(savedKey);
    setDrafts((saved?.rules ?? []).map(toDraft));
    setContext(saved?.contextSelector ?? '');
  }

  // Keep keyboard focus on the control the agent used after the list re-renders.
  const focusRef = useRef<{ key: number; action: string } | null>(null);
  useEffect(() => {
    const focus = focusRef.current;
    if (!focus) return;
    focusRef.current = null;
    if (focus.action === 'undo') return undoRef.current?.focus();
    const row = listRef.current?.querySelector(`[data-rule-key="${focus.key}"]`);
    const wanted = row?.querySelector<HTMLElement>(`[data-action="${focus.action}"]`);
    const fallback = row?.querySelector<HTMLElement>(
      `[data-action="${focus.action === 'up' ? 'down' : focus.action === 'down' ? 'up' : 'selector'}"]`,
    );
    (wanted && !(wanted as HTMLButtonElement).disabled ? wanted : (fallback ?? addRef.current))?.focus();
  });
  const setFocus = (f: { key: number; action: string }) => (focusRef.current = f);

  function change(next: DraftRule[], clearNotice = true) {
    setDrafts(next);
    setDirty(true);
    setTest({ kind: 'idle' });
    if (clearNotice) setNotice(null);
  }

  function update(key: number, patch: Partial<DraftRule>) {
    change(drafts.map((d) => (d.key === key ? { ...d, ...patch } : d)));
    setErrors((e) => {
      const next = { ...e };
      for (const field of Object.keys(patch)) delete next[`${key}:${field}`];
      if ('state' in patch) delete next[`${key}:code`];
      return next;
    });
  }

  function move(index: number, by: -1 | 1) {
    const next = [...drafts];
    const [rule] = next.splice(index, 1);
    next.splice(index + by, 0, rule!);
    change(next);
    setFocus({ key: rule!.key, action: by < 0 ? 'up' : 'down' });
  }

  function remove(index: number) {
    const rule = drafts[index]!;
    change(
      drafts.filter((d) => d.key !== rule.key),
      false,
    );
    setNotice({ kind: 'ok', text: t('rules.removed', { n: index + 1 }), undo: { rule, index } });
    setFocus({ key: rule.key, action: 'undo' });
  }

  function undo(removed: { rule: DraftRule; index: number }) {
    const next = [...drafts];
    next.splice(Math.min(removed.index, next.length), 0, removed.rule);
    change(next);
    setFocus({ key: removed.rule.key, action: 'remove' });
  }

  function addRule() {
    const rule = emptyRule();
    change([...drafts, rule]);
    setFocus({ key: rule.key, action: 'selector' });
  }

  function check(): SiteRules | null {
    const result = validate(t, site, drafts, context);
    setErrors(result.errors ?? {});
    if (!result.value) {
      setNotice({ kind: 'error', text: t('rules.invalid') });
      return null;
    }
    return result.value;
  }

  async function save() {
    const value = check();
    if (!value) return;
    try {
      const current = (await loadSettings()).pageRules;
      const at = current.findIndex((r) => r.site === site);
      const next = at >= 0 ? current.map((r, i) => (i === at ? value : r)) : [...current, value];
      await saveSettings({ pageRules: next });
      setDirty(false);
      setNotice({ kind: 'ok', text: t('rules.saved', { site }) });
    } catch (err) {
      setNotice({ kind: 'error', text: (err as Error).message });
    }
  }

  async function runTest() {
    const value = check();
    if (!value) return;
    setNotice(null);
    setTest({ kind: 'running' });
    try {
      const { pages } = await sendToBackground({
        type: 'rules/test',
        site,
        rules: value.rules,
        ...(value.contextSelector ? { contextSelector: value.contextSelector } : {}),
      });
      setTest({ kind: 'done', pages });
    } catch (err) {
      setTest({ kind: 'idle' });
      setNotice({ kind: 'error', text: t('rules.testFailed', { error: (err as Error).message }) });
    }
  }

  const codes = allOtherCodes(customCodes);
  const fieldError = (key: string) =>
    errors[key] ? (
      <span className="sm-error rules-error" id={`${idBase}-${key.replace(':', '-')}-error`} data-testid="rules-error">
        {errors[key]}
      </span>
    ) : null;
  const describedBy = (key: string) => (errors[key] ? `${idBase}-${key.replace(':', '-')}-error` : undefined);

  return (
    <div className="rules-site" data-testid="rules-site" data-site={site}>
      <h3 className="rules-site-head">
        <span>{t('rules.siteHeading', { site })}</span>
        {dirty ? (
          <span className="badge warn" data-testid="rules-unsaved">
            {t('rules.unsaved')}
          </span>
        ) : null}
      </h3>
      {drafts.length === 0 ? (
        <p className="sm-muted" data-testid="rules-empty">
          {t('rules.empty')}
        </p>
      ) : (
        <ol className="rules-list" ref={listRef} aria-label={t('rules.siteHeading', { site })}>
          {drafts.map((d, i) => {
            const n = i + 1;
            const id = `${idBase}-${d.key}`;
            return (
              <li key={d.key} data-rule-key={d.key} data-testid="rules-row">
                <div className="rules-row-head">
                  <strong>{t('rules.ruleLabel', { n })}</strong>
                  <span className="spacer" />
                  <button
                    type="button"
                    data-action="up"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('rules.moveUpLabel', { n })}
                    title={t('rules.moveUpLabel', { n })}
                    data-testid="rules-up"
                  >
                    {t('rules.moveUp')}
                  </button>
                  <button
                    type="button"
                    data-action="down"
                    disabled={i === drafts.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('rules.moveDownLabel', { n })}
                    title={t('rules.moveDownLabel', { n })}
                    data-testid="rules-down"
                  >
                    {t('rules.moveDown')}
                  </button>
                  <button
                    type="button"
                    className="danger"
                    data-action="remove"
                    onClick={() => remove(i)}
                    aria-label={t('rules.removeLabel', { n })}
                    data-testid="rules-remove"
                  >
                    {t('rules.remove')}
                  </button>
                </div>
                <div className="rules-fields">
                  <label className="rules-field wide" htmlFor={`${id}-selector`}>
                    <span>{t('rules.selector')}</span>
                    <input
                      id={`${id}-selector`}
                      type="text"
                      data-action="selector"
                      value={d.selector}
                      onChange={(e) => update(d.key, { selector: e.target.value })}
                      placeholder="#agent-status"
                      spellCheck={false}
                      aria-invalid={errors[`${d.key}:selector`] ? true : undefined}
                      aria-describedby={describedBy(`${d.key}:selector`)}
                      data-testid="rules-selector"
                    />
                  </label>
                  <label className="rules-field wide" htmlFor={`${id}-pattern`}>
                    <span>{t('rules.textPattern')}</span>
                    <input
                      id={`${id}-pattern`}
                      type="text"
                      value={d.textPattern}
                      onChange={(e) => update(d.key, { textPattern: e.target.value })}
                      placeholder={t('rules.textPatternPlaceholder')}
                      spellCheck={false}
                      aria-invalid={errors[`${d.key}:textPattern`] ? true : undefined}
                      aria-describedby={describedBy(`${d.key}:textPattern`)}
                      data-testid="rules-pattern"
                    />
                  </label>
                  <label className="rules-field" htmlFor={`${id}-state`}>
                    <span>{t('rules.state')}</span>
                    <select
                      id={`${id}-state`}
                      value={d.state}
                      onChange={(e) => update(d.key, { state: e.target.value as AgentState })}
                      data-testid="rules-state"
                    >
                      {AGENT_STATES.map((s) => (
                        <option key={s} value={s}>
                          {t(`states.${s}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {d.state === 'other' ? (
                    <label className="rules-field" htmlFor={`${id}-code`}>
                      <span>{t('rules.code')}</span>
                      <select
                        id={`${id}-code`}
                        value={d.code}
                        onChange={(e) => update(d.key, { code: e.target.value })}
                        aria-invalid={errors[`${d.key}:code`] ? true : undefined}
                        aria-describedby={describedBy(`${d.key}:code`)}
                        data-testid="rules-code"
                      >
                        <option value="">{t('rules.chooseCode')}</option>
                        {codes.map((c) => (
                          <option key={c} value={c}>
                            {codeLabel(t, c, customCodes)}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                </div>
                {fieldError(`${d.key}:selector`)}
                {fieldError(`${d.key}:textPattern`)}
                {fieldError(`${d.key}:code`)}
                <RuleProblemNote problem={problems.get(draftRuleKey(d))} />
              </li>
            );
          })}
        </ol>
      )}
      {errors.list ? (
        <span className="sm-error" data-testid="rules-error">
          {errors.list}
        </span>
      ) : null}
      <div className="row">
        <button type="button" ref={addRef} onClick={addRule} disabled={drafts.length >= 50} data-testid="rules-add">
          {t('rules.add')}
        </button>
      </div>
      <label className="rules-field" htmlFor={`${idBase}-context`}>
        <span>{t('rules.contextSelector')}</span>
        <input
          id={`${idBase}-context`}
          type="text"
          value={context}
          onChange={(e) => {
            setContext(e.target.value);
            setDirty(true);
            setTest({ kind: 'idle' });
            setErrors(({ context: _gone, ...rest }) => rest);
          }}
          placeholder="#ticket-subject"
          spellCheck={false}
          aria-invalid={errors.context ? true : undefined}
          aria-describedby={[`${idBase}-context-help`, describedBy('context')].filter(Boolean).join(' ')}
          data-testid="rules-context"
        />
      </label>
      <span className="sm-muted small" id={`${idBase}-context-help`}>
        {t('rules.contextHelp')}
      </span>
      {fieldError('context')}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} data-testid="rules-save">
          {t('rules.save')}
        </button>
        <button
          type="button"
          onClick={() => void runTest()}
          disabled={test.kind === 'running'}
          aria-busy={test.kind === 'running'}
          data-testid="rules-test"
        >
          {test.kind === 'running' ? t('rules.testing') : t('rules.test')}
        </button>
        <span className="sm-muted small">{t('rules.testHelp')}</span>
      </div>
      <div
        role={notice?.kind === 'error' ? 'alert' : 'status'}
        data-testid="rules-notice"
        className={notice?.kind === 'error' ? 'notice error' : notice ? 'notice ok' : undefined}
      >
        {notice ? (
          <>
            <span>{notice.text}</span>
            {notice.undo ? (
              <button
                type="button"
                ref={undoRef}
                onClick={() => {
                  const removed = notice.undo!;
                  setNotice(null);
                  undo(removed);
                }}
                data-testid="rules-undo"
              >
                {t('rules.undo')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {test.kind === 'done' ? <TestResults site={site} pages={test.pages} customCodes={customCodes} /> : null}
    </div>
  );
}

function TestResults({
  site,
  pages,
  customCodes,
}: {
  site: string;
  pages: RuleTestPage[];
  customCodes: readonly CustomOtherCode[];
}) {
  const { t } = useI18n();
  if (pages.length === 0) {
    return (
      <p className="notice error" role="alert" data-testid="rules-test-none">
        {t('rules.noTab', { site })}
      </p>
    );
  }
  return (
    <div className="rules-test" role="status" data-testid="rules-test-result">
      {pages.map((page, pi) => (
        <div key={`${page.url}-${pi}`} className="rules-test-page" data-testid="rules-test-page">
          <div className="sm-muted small rules-test-url">{t('rules.page', { url: page.url })}</div>
          <p data-testid="rules-test-state" data-state={page.state ?? ''}>
            {page.state ? (
              <>
                {t('rules.result')}
                <strong className="rules-test-value">
                  {stateLabel(
                    t,
                    page.code ? { state: page.state, code: page.code } : { state: page.state },
                    customCodes,
                  )}
                </strong>
              </>
            ) : (
              t('rules.noMatch')
            )}
          </p>
          <table className="rules-test-table">
            <thead>
              <tr>
                <th scope="col">{t('rules.colRule')}</th>
                <th scope="col">{t('rules.colMatches')}</th>
                <th scope="col">{t('rules.colText')}</th>
                <th scope="col">{t('rules.colSample')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rules.map((r, i) => (
                <tr
                  key={i}
                  data-testid="rules-test-row"
                  data-matches={r.matches}
                  data-text-matched={r.textMatched}
                  className={r.textMatched ? 'hit' : undefined}
                >
                  <td>{i + 1}</td>
                  <td>{r.matches}</td>
                  <td>{r.matches > 0 ? (r.textMatched ? t('rules.yes') : t('rules.no')) : t('rules.noElement')}</td>
                  <td>
                    {r.error ? (
                      <span className="sm-error">{r.error}</span>
                    ) : r.sample !== null ? (
                      <span className="rules-sample">{r.sample}</span>
                    ) : (
                      t('rules.noElement')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.context !== null ? (
            <p className="small" data-testid="rules-test-context">
              {t('rules.context', { text: page.context })}
            </p>
          ) : null}
          <p className="sm-muted small">{t('rules.highlighted')}</p>
        </div>
      ))}
    </div>
  );
}

/** The team packs' rules, read-only, in the order they apply (after the agent's own). */
function PackRules({
  packs,
  customCodes,
  problems,
}: {
  packs: InstalledPack[];
  customCodes: readonly CustomOtherCode[];
  problems: ReadonlyMap<string, RuleProblem>;
}) {
  const { t } = useI18n();
  return (
    <div className="rules-packs" data-testid="rules-packs">
      <h3>{t('rules.fromPacks')}</h3>
      <p className="sm-muted small">{t('rules.fromPacksHelp')}</p>
      {packs.flatMap((pack) =>
        pack.consoleSites
          .filter((s) => s.pageRules.length > 0)
          .map((s) => (
            <div key={`${pack.id} ${s.pattern}`} className="rules-pack-site" data-testid="rules-pack-site">
              <div className="small">{t('rules.packSite', { pack: pack.name, site: s.pattern })}</div>
              <ol className="rules-pack-list">
                {s.pageRules.map((r, i) => (
                  <li key={i} data-testid="rules-pack-rule">
                    <code>{r.selector}</code>
                    <span className="sm-muted">·</span>
                    {r.textPattern ? (
                      <code>{r.textPattern}</code>
                    ) : (
                      <span className="sm-muted">{t('rules.anyText')}</span>
                    )}
                    <span aria-hidden="true">→</span>
                    <span className="badge">
                      {stateLabel(t, r.code ? { state: r.state, code: r.code } : r, customCodes)}
                    </span>
                    <RuleProblemNote problem={problems.get(ruleKey(r))} />
                  </li>
                ))}
              </ol>
            </div>
          )),
      )}
    </div>
  );
}
