import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useLatest } from '@/components/useLatest';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import {
  CATEGORY_CATALOGUE,
  CATEGORY_OPTIONS,
  SEVERITY_OPTIONS,
  type FeedbackCategory,
  type FeedbackSeverity,
} from '@/utils/feedback/categories';
import { editItem, markReady, newDraft } from '@/utils/feedback/outbox';
import { changeOutboxItem, deleteOutboxItem, saveOutboxItem } from '@/utils/feedback/outbox-store';
import { FEEDBACK_TEXT_MAX, type ArticleRef, type OutboxItem } from '@/utils/feedback/records';
import { findIdentifyingContent } from '@/utils/feedback/warnings';
import type { Article } from '@/utils/kb/article';
import { ArticlePicker } from './ArticlePicker';
import { createSaveQueue, outboxContext, outboxFailureText } from './context';
import { WarningPanel } from './WarningPanel';

/** What the form shows; saved into the draft on every change. */
interface FormState {
  category: FeedbackCategory;
  text: string;
  article: ArticleRef | null;
  severity: FeedbackSeverity | null;
  signed: boolean;
  name: string;
}

function formOf(item: OutboxItem | null, agentName: string): FormState {
  return {
    category: item?.category ?? 'other',
    text: item?.text ?? '',
    article: item?.article ?? null,
    severity: item?.severity ?? null,
    signed: item?.signedAs != null,
    name: item?.signedAs ?? agentName,
  };
}

/**
 * The feedback form. Every change is saved into the item's draft at once (in order), so closing
 * the browser mid-sentence loses nothing. "Put in outbox" checks an anonymous item for
 * self-identifying content first and shows what it found; the agent edits it out or keeps it.
 */
export function Composer({
  item,
  agentName,
  articles,
  onReady,
  onDiscarded,
  onError,
}: {
  /** The draft to go on with, or null for a new one (created on the first change). */
  item: OutboxItem | null;
  agentName: string;
  articles: ReadonlyArray<Pick<Article, 'id' | 'title' | 'source'>>;
  onReady: (item: OutboxItem) => void;
  onDiscarded: (item: OutboxItem) => void;
  onError: (text: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [form, setForm] = useState<FormState>(() => formOf(item, agentName));
  const [saved, setSaved] = useState<'idle' | 'saving' | 'saved' | 'refused'>(item ? 'saved' : 'idle');
  const [warning, setWarning] = useState(false);
  const [fieldError, setFieldError] = useState<'text' | 'name' | null>(null);
  const [busy, setBusy] = useState(false);
  const current = useRef<OutboxItem | null>(item);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  // (Withdrawn or changed in the outbox while the form was saving: the outbox's change stands.)
  const report = useLatest((e: unknown) => onError(outboxFailureText(t, e)));
  // One queue for the form's life, so saves keep their order (made on first use, in a handler).
  const queueRef = useRef<ReturnType<typeof createSaveQueue> | null>(null);
  const queue = () => (queueRef.current ??= createSaveQueue((e) => report.current(e)));

  // The agent's name arrives with the settings; a new, unsigned form offers it for signing.
  useEffect(() => {
    if (!current.current && agentName) setForm((f) => (f.name ? f : { ...f, name: agentName }));
  }, [agentName]);

  const ownNames = useMemo(() => (agentName ? [agentName] : []), [agentName]);
  const findings = useMemo(
    () => (form.signed ? [] : findIdentifyingContent(form.text, { ownNames })),
    [form.signed, form.text, ownNames],
  );

  function change(patch: Partial<FormState>) {
    const next = { ...form, ...patch };
    setForm(next);
    setFieldError(null);
    setSaved('saving');
    void queue().run(async () => {
      const ctx = outboxContext();
      const fields = {
        category: next.category,
        text: next.text,
        article: CATEGORY_CATALOGUE[next.category].offersArticle ? next.article : null,
        severity: next.severity,
        signedAs: next.signed && next.name.trim() ? next.name : null,
      };
      const base = current.current;
      let edited: OutboxItem;
      if (base) {
        // Onto the item as stored: one withdrawn in the outbox meanwhile is not brought back.
        try {
          edited = (await changeOutboxItem(getDb(), base.id, (stored) => editItem(stored, fields, ctx.now))).after;
        } catch (e) {
          setSaved('refused');
          throw e;
        }
      } else {
        edited = editItem(newDraft(ctx, next.category), fields, ctx.now);
        await saveOutboxItem(getDb(), edited);
      }
      current.current = edited;
      setSaved('saved');
    });
  }

  async function putInOutbox(keep: boolean) {
    setBusy(true);
    try {
      await queue().flush();
      const base = current.current;
      if (!base || form.text.trim() === '') {
        setFieldError('text');
        textRef.current?.focus();
        return;
      }
      if (form.signed && !form.name.trim()) {
        setFieldError('name');
        nameRef.current?.focus();
        return;
      }
      if (!form.signed && !keep && findings.length > 0) {
        setWarning(true);
        return;
      }
      const { after: ready } = await changeOutboxItem(getDb(), base.id, (stored) => markReady(stored, outboxContext()));
      onReady(ready);
    } catch (e) {
      report.current(e);
    } finally {
      setBusy(false);
    }
  }

  async function discard() {
    await queue().flush();
    const base = current.current;
    if (!base) {
      setForm(formOf(null, agentName));
      return;
    }
    try {
      await deleteOutboxItem(getDb(), base.id);
      onDiscarded(base);
    } catch (e) {
      onError(t('feedback.page.saveFailed', { detail: String(e) }));
    }
  }

  function editFinding(start: number, end: number) {
    const box = textRef.current;
    if (!box) return;
    box.focus();
    box.setSelectionRange(start, end);
  }

  const hint = CATEGORY_CATALOGUE[form.category].hint;
  const showWarning = warning && findings.length > 0;

  return (
    <section className="fb-card fb-composer" aria-labelledby={`${id}-title`} data-testid="feedback-form">
      <h2 id={`${id}-title`}>{item ? t('feedback.page.editTitle') : t('feedback.page.writeTitle')}</h2>
      <div className="fb-field">
        <label htmlFor={`${id}-category`}>{t('feedback.page.category')}</label>
        <select
          id={`${id}-category`}
          value={form.category}
          aria-describedby={`${id}-category-hint`}
          onChange={(e) => change({ category: e.target.value as FeedbackCategory })}
          data-testid="feedback-category"
        >
          {CATEGORY_OPTIONS.map((c) => (
            <option key={c.value} value={c.value}>
              {t(c.label)}
            </option>
          ))}
        </select>
        <p id={`${id}-category-hint`} className="sm-muted fb-hint">
          {t(hint)}
        </p>
      </div>
      <div className="fb-field">
        <label htmlFor={`${id}-text`}>{t('feedback.page.text')}</label>
        <textarea
          id={`${id}-text`}
          ref={textRef}
          value={form.text}
          rows={7}
          maxLength={FEEDBACK_TEXT_MAX}
          placeholder={t('feedback.page.textPlaceholder')}
          aria-invalid={fieldError === 'text'}
          aria-describedby={fieldError === 'text' ? `${id}-text-error` : `${id}-text-count`}
          onChange={(e) => change({ text: e.target.value })}
          data-testid="feedback-text"
        />
        <div className="fb-row fb-between">
          {fieldError === 'text' ? (
            <p id={`${id}-text-error`} className="sm-error" role="alert" data-testid="feedback-text-error">
              {t('feedback.outbox.empty')}
            </p>
          ) : (
            <span />
          )}
          <span id={`${id}-text-count`} className="sm-muted fb-hint">
            {t('feedback.page.count', { n: form.text.length, max: FEEDBACK_TEXT_MAX })}
          </span>
        </div>
      </div>
      {CATEGORY_CATALOGUE[form.category].offersArticle ? (
        <ArticlePicker articles={articles} value={form.article} onChange={(article) => change({ article })} />
      ) : null}
      <fieldset className="fb-field">
        <legend>{t('feedback.page.severity')}</legend>
        <div className="fb-row" role="radiogroup">
          {[{ value: null, label: 'feedback.severities.none' as const }, ...SEVERITY_OPTIONS].map((s) => (
            <label key={s.value ?? 'none'} className="fb-choice">
              <input
                type="radio"
                name={`${id}-severity`}
                checked={form.severity === s.value}
                onChange={() => change({ severity: s.value })}
                data-testid={`feedback-severity-${s.value ?? 'none'}`}
              />
              {t(s.label)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="fb-field">
        <legend>{t('feedback.page.identity')}</legend>
        <label className="fb-choice">
          <input
            type="radio"
            name={`${id}-identity`}
            checked={!form.signed}
            onChange={() => change({ signed: false })}
            data-testid="feedback-anonymous"
          />
          <span>
            <strong>{t('feedback.page.anonymous')}</strong>
            <span className="sm-muted fb-hint"> — {t('feedback.page.anonymousHint')}</span>
          </span>
        </label>
        <label className="fb-choice">
          <input
            type="radio"
            name={`${id}-identity`}
            checked={form.signed}
            onChange={() => change({ signed: true })}
            data-testid="feedback-signed"
          />
          <span>
            <strong>{t('feedback.page.sign')}</strong>
            <span className="sm-muted fb-hint"> — {t('feedback.page.signHint')}</span>
          </span>
        </label>
        {form.signed ? (
          <div className="fb-field fb-indent">
            <label htmlFor={`${id}-name`}>{t('feedback.page.signName')}</label>
            <input
              id={`${id}-name`}
              ref={nameRef}
              type="text"
              value={form.name}
              maxLength={60}
              aria-invalid={fieldError === 'name'}
              onChange={(e) => change({ name: e.target.value })}
              data-testid="feedback-sign-name"
            />
            {fieldError === 'name' ? (
              <p className="sm-error" role="alert" data-testid="feedback-sign-name-error">
                {t('feedback.page.signNameMissing')}
              </p>
            ) : null}
          </div>
        ) : null}
      </fieldset>
      {showWarning ? (
        <WarningPanel text={form.text} findings={findings} onEdit={editFinding} onKeep={() => void putInOutbox(true)} />
      ) : warning ? (
        <p className="fb-clear" role="status" data-testid="feedback-warning-cleared">
          {t('feedback.page.warningCleared')}
        </p>
      ) : null}
      <div className="fb-row fb-between">
        <span className="sm-muted fb-hint" role="status" data-testid="feedback-draft-status" data-state={saved}>
          {saved === 'saving'
            ? t('feedback.page.saving')
            : saved === 'saved'
              ? t('feedback.page.draftSaved')
              : saved === 'refused'
                ? t('feedback.page.notSaved')
                : t('feedback.page.draftHint')}
        </span>
        <span className="fb-row">
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => void discard()}
            data-testid="feedback-discard"
          >
            {t('feedback.page.discard')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => void putInOutbox(false)}
            data-testid="feedback-ready"
          >
            {t('feedback.page.putInOutbox')}
          </button>
        </span>
      </div>
    </section>
  );
}
