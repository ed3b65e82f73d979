import { useEffect, useRef, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { allOtherCodes } from '@/components/stateLabel';
import type { SiteRules } from '@/utils/console/page-rule';
import { emptyRule, toDraft, type DraftRule } from '@/utils/console/rule-draft';
import type { RuleProblem } from '@/utils/console/rule-problems';
import type { RuleTestPage } from '@/utils/messages';
import { sendToBackground } from '@/utils/messaging';
import type { CustomOtherCode } from '@/utils/settings';
import { loadSettings, saveSettings } from '@/utils/settings-store';
import { draftRuleKey } from './RuleProblemNote';
import { FieldError, RuleRow, errorId } from './RuleRow';
import { RuleTestResults } from './RuleTestResults';
import { validate, type Errors } from './rule-validate';

type Notice = { kind: 'ok' | 'error'; text: string; undo?: { rule: DraftRule; index: number } } | null;
type TestState = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; pages: RuleTestPage[] };

/**
 * One console site's page rules in Options: the ordered list the agent edits, the case element,
 * Save (with an unsaved-changes badge and Undo for a removed rule), and Test on the open console
 * pages. Shows what is stored when it changes elsewhere while nothing here is edited.
 */
export function SiteRulesEditor({
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
          {drafts.map((d, i) => (
            <RuleRow
              key={d.key}
              d={d}
              index={i}
              count={drafts.length}
              idBase={idBase}
              errors={errors}
              codes={codes}
              customCodes={customCodes}
              problem={problems.get(draftRuleKey(d))}
              onUpdate={(patch) => update(d.key, patch)}
              onMove={(by) => move(i, by)}
              onRemove={() => remove(i)}
            />
          ))}
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
          aria-describedby={[`${idBase}-context-help`, errorId(idBase, errors, 'context')].filter(Boolean).join(' ')}
          data-testid="rules-context"
        />
      </label>
      <span className="sm-muted small" id={`${idBase}-context-help`}>
        {t('rules.contextHelp')}
      </span>
      <FieldError idBase={idBase} errors={errors} field="context" />
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
      {test.kind === 'done' ? <RuleTestResults site={site} pages={test.pages} customCodes={customCodes} /> : null}
    </div>
  );
}
