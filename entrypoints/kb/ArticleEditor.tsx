import { useEffect, useMemo, useRef, useState } from 'react';
import { useLatest } from '@/components/useLatest';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { ARTICLE_KINDS, ARTICLE_LANGS, type Article, type ArticleKind, type ArticleLang } from '@/utils/kb/article';
import { KbStoreError, saveArticle, validateDraft, type FieldIssue } from '@/utils/kb/store';
import { FieldErrors } from './FieldErrors';
import { draftFromForm, issuesAt, type EditorForm } from './form';
import { PlaceholdersEditor } from './PlaceholdersEditor';
import { ReplyEditor } from './ReplyEditor';
import { StepsEditor } from './StepsEditor';

type TextField = 'title' | 'category' | 'tags' | 'keywords' | 'reviewBy' | 'verifiedOn' | 'trigger';
/** Each text field's test id is `kb-field-<this>`. */
const FIELD_IDS: Record<TextField, string> = {
  title: 'title',
  category: 'category',
  tags: 'tags',
  keywords: 'keywords',
  reviewBy: 'review-by',
  verifiedOn: 'verified-on',
  trigger: 'trigger',
};

/**
 * Writes or edits one article: every field, a live sanitised preview beside the body, errors
 * beside the fields they name. Ctrl+S saves; Esc cancels (asking first when something changed).
 * The page keeps the form in session storage as it changes, so a reload loses nothing.
 */
export function ArticleEditor({
  form,
  dirty,
  restored,
  categories,
  confirmingLeave,
  onChange,
  onSaved,
  onCancel,
  onDiscard,
  onKeepEditing,
}: {
  form: EditorForm;
  dirty: boolean;
  restored: boolean;
  categories: readonly string[];
  confirmingLeave: boolean;
  onChange: (form: EditorForm) => void;
  onSaved: (article: Article) => void;
  onCancel: () => void;
  onDiscard: () => void;
  onKeepEditing: () => void;
}) {
  const { t } = useI18n();
  const [attempted, setAttempted] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [saveError, setSaveError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);

  const checked = useMemo(() => validateDraft(draftFromForm(form)), [form]);
  const allIssues: FieldIssue[] = checked.ok ? [] : checked.issues;
  const issues = attempted ? allIssues : allIssues.filter((i) => touched.has(i.path.split(/[.[]/)[0]!));
  const at = (path: string) => issuesAt(issues, path);
  const touch = (field: string) => setTouched((prev) => (prev.has(field) ? prev : new Set(prev).add(field)));

  const set = <K extends keyof EditorForm>(key: K, value: EditorForm[K]) => {
    setSaveError(null);
    onChange({ ...form, [key]: value });
  };

  async function save() {
    if (saving) return;
    setAttempted(true);
    setSaveError(null);
    if (!checked.ok) {
      setSaveError(t('kb.fixErrors', { count: checked.issues.length }));
      return;
    }
    setSaving(true);
    try {
      const saved = await saveArticle(getDb(), draftFromForm(form), Date.now());
      onSaved(saved);
    } catch (e) {
      setSaveError(
        e instanceof KbStoreError ? t(`kb.storeErrors.${e.code}`) : t('kb.storeErrors.other', { detail: String(e) }),
      );
    } finally {
      setSaving(false);
    }
  }

  // Ctrl+S / ⌘S saves and Esc cancels, wherever focus is on the page.
  // (Current as of the last commit: Ctrl+S the moment after typing saves what was typed.)
  const keys = useLatest((e: KeyboardEvent) => {
    if (e.isComposing || e.keyCode === 229) return; // the IME owns this key
    if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 's') {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      if (confirmingLeave) onKeepEditing();
      else onCancel();
    }
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keys.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [keys]);
  useEffect(() => titleRef.current?.focus(), []);

  const textField = (field: TextField, props: { type?: string; list?: string; hint?: string } = {}) => (
    <label className="kb-field">
      <span>{t(`kb.fields.${field}`)}</span>
      <input
        ref={field === 'title' ? titleRef : undefined}
        type={props.type ?? 'text'}
        list={props.list}
        value={form[field]}
        placeholder={props.hint}
        aria-invalid={at(field).length > 0}
        onChange={(e) => set(field, e.target.value)}
        onBlur={() => touch(field)}
        data-testid={`kb-field-${FIELD_IDS[field]}`}
      />
      <FieldErrors issues={at(field)} />
    </label>
  );

  return (
    <section className="kb-editor" data-testid="kb-editor" aria-label={t(form.id ? 'kb.editTitle' : 'kb.newTitle')}>
      <header className="kb-editor-header">
        <h2>{t(form.id ? 'kb.editTitle' : 'kb.newTitle')}</h2>
        {dirty ? (
          <span className="kb-badge" data-testid="kb-unsaved">
            {t('kb.unsaved')}
          </span>
        ) : null}
        <span className="spacer" />
        <button type="button" onClick={onCancel} data-testid="kb-cancel">
          {t('kb.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={saving} data-testid="kb-save">
          {t('kb.save')}
        </button>
      </header>
      <p className="sm-muted kb-help">{t('kb.editorKeys')}</p>
      {restored ? (
        <p className="kb-notice" role="status" data-testid="kb-draft-restored">
          {t('kb.draftRestored')}
        </p>
      ) : null}
      {confirmingLeave ? (
        <div
          className="kb-notice warn"
          role="alertdialog"
          aria-label={t('kb.discardQuestion')}
          data-testid="kb-discard-confirm"
        >
          <span>{t('kb.discardQuestion')}</span>
          <span className="spacer" />
          <button type="button" onClick={onKeepEditing} data-testid="kb-keep-editing">
            {t('kb.keepEditing')}
          </button>
          <button type="button" className="danger" onClick={onDiscard} data-testid="kb-discard">
            {t('kb.discard')}
          </button>
        </div>
      ) : null}
      {saveError ? (
        <p className="kb-notice error" role="alert" data-testid="kb-save-error">
          {saveError}
        </p>
      ) : null}

      {textField('title')}
      <div className="kb-field-row">
        <label className="kb-field">
          <span>{t('kb.fields.kind')}</span>
          <select
            value={form.kind}
            onChange={(e) => set('kind', e.target.value as ArticleKind)}
            data-testid="kb-field-kind"
          >
            {ARTICLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`articleKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="kb-field">
          <span>{t('kb.fields.lang')}</span>
          <select
            value={form.lang}
            onChange={(e) => set('lang', e.target.value as ArticleLang)}
            data-testid="kb-field-lang"
          >
            {ARTICLE_LANGS.map((l) => (
              <option key={l} value={l}>
                {l === 'zh-CN' ? '中文' : 'English'}
              </option>
            ))}
          </select>
        </label>
        {textField('category', { list: 'kb-categories' })}
        <datalist id="kb-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <div className="kb-field-row">
        {textField('tags', { hint: t('kb.listPlaceholder') })}
        {textField('keywords', { hint: t('kb.listPlaceholder') })}
      </div>
      <div className="kb-field-row">
        {textField('reviewBy', { type: 'date' })}
        {textField('verifiedOn', { type: 'date' })}
      </div>

      <ReplyEditor
        form={form}
        issues={issues}
        onChange={(next) => {
          setSaveError(null);
          onChange({ ...form, ...next });
        }}
        onBlur={touch}
      />
      {textField('trigger', { hint: t('kb.reply.triggerHint') })}

      <StepsEditor steps={form.steps} onChange={(s) => set('steps', s)} issues={issues} onBlur={() => touch('steps')} />
      <PlaceholdersEditor
        placeholders={form.placeholders}
        onChange={(p) => set('placeholders', p)}
        issues={issues}
        onBlur={() => touch('placeholders')}
      />
      <footer className="kb-editor-footer">
        <button type="button" onClick={onCancel}>
          {t('kb.cancel')}
        </button>
        <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
          {t('kb.save')}
        </button>
      </footer>
    </section>
  );
}
