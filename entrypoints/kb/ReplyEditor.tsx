import { useDeferredValue, useMemo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { renderMarkdown } from '@/components/markdown';
import type { FieldIssue } from '@/utils/kb/store';
import { FieldErrors } from './FieldErrors';
import { issuesAt, type EditorForm } from './form';

/** At most this many reply variants (as the article schema allows). */
const MAX_VARIANTS = 6;

type ReplyFields = Pick<EditorForm, 'body' | 'replies' | 'notes'>;

/**
 * The article's text in two parts: the reply variants (what goes to the customer: Enter inserts
 * the first, the palette offers the others) and the notes (what only the agent reads), each with
 * its live, sanitised preview. An older article's whole body is shown apart, with a warning and a
 * button that moves it into the notes so a reply can be written.
 */
export function ReplyEditor({
  form,
  issues,
  onChange,
  onBlur,
}: {
  form: ReplyFields;
  issues: readonly FieldIssue[];
  onChange: (next: ReplyFields) => void;
  onBlur: (field: 'replies' | 'notes' | 'body') => void;
}) {
  const { t } = useI18n();
  const deferred = useDeferredValue(form);
  const previewHtml = useMemo(
    () => ({
      replies: deferred.replies.map((r) => renderMarkdown(r.text)),
      notes: renderMarkdown(deferred.notes),
      body: renderMarkdown(deferred.body),
    }),
    [deferred],
  );
  const setReply = (i: number, patch: Partial<{ label: string; text: string }>) =>
    onChange({ ...form, replies: form.replies.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const at = (path: string) => issuesAt(issues, path);
  const replyIssues = issues.filter((i) => i.path === 'replies');

  return (
    <div className="kb-replies">
      {form.body ? (
        <div className="kb-notice warn" data-testid="kb-legacy-body-note">
          <span>{t('kb.reply.legacy')}</span>
          <span className="spacer" />
          <button
            type="button"
            onClick={() =>
              onChange({
                ...form,
                body: '',
                notes: form.notes ? `${form.body}\n\n${form.notes}` : form.body,
                replies: form.replies.length > 0 ? form.replies : [{ label: '', text: '' }],
              })
            }
            data-testid="kb-body-to-notes"
          >
            {t('kb.reply.moveToNotes')}
          </button>
        </div>
      ) : null}
      <fieldset className="kb-fieldset">
        <legend>{t('kb.reply.title')}</legend>
        <p className="sm-muted kb-help">{t('kb.reply.help')}</p>
        {form.replies.map((r, i) => (
          <div className="kb-body-preview kb-reply-variant" key={i} data-testid="kb-reply-variant">
            <div className="kb-field">
              <label className="kb-field">
                <span>{t('kb.reply.label', { n: String(i + 1) })}</span>
                <input
                  type="text"
                  value={r.label}
                  placeholder={t('kb.reply.labelHint')}
                  onChange={(e) => setReply(i, { label: e.target.value })}
                  onBlur={() => onBlur('replies')}
                  data-testid="kb-field-reply-label"
                />
                <FieldErrors issues={at(`replies[${i}].label`)} />
              </label>
              <label className="kb-field">
                <span>{t('kb.reply.text', { n: String(i + 1) })}</span>
                <textarea
                  value={r.text}
                  rows={5}
                  placeholder={t('kb.reply.textHint')}
                  aria-invalid={at(`replies[${i}]`).length + replyIssues.length > 0}
                  onChange={(e) => setReply(i, { text: e.target.value })}
                  onBlur={() => onBlur('replies')}
                  data-testid="kb-field-reply"
                />
                <span className="sm-muted kb-count" data-testid="kb-reply-count">
                  {t('kb.reply.count', { n: String(r.text.trim().length) })}
                </span>
                <FieldErrors issues={at(`replies[${i}].text`)} />
              </label>
              {form.replies.length > 1 ? (
                <button
                  type="button"
                  onClick={() => onChange({ ...form, replies: form.replies.filter((_, j) => j !== i) })}
                  data-testid="kb-reply-remove"
                >
                  {t('kb.reply.remove')}
                </button>
              ) : null}
            </div>
            <MarkdownPreview html={previewHtml.replies[i] ?? ''} testId="kb-preview" />
          </div>
        ))}
        <FieldErrors issues={replyIssues} />
        {form.replies.length < MAX_VARIANTS ? (
          <button
            type="button"
            onClick={() => onChange({ ...form, replies: [...form.replies, { label: '', text: '' }] })}
            data-testid="kb-reply-add"
          >
            {t('kb.reply.add')}
          </button>
        ) : null}
      </fieldset>
      <div className="kb-body-preview">
        <label className="kb-field">
          <span>{t('kb.reply.notes')}</span>
          <textarea
            value={form.notes}
            rows={10}
            placeholder={t('kb.reply.notesHint')}
            aria-invalid={at('notes').length > 0}
            onChange={(e) => onChange({ ...form, notes: e.target.value })}
            onBlur={() => onBlur('notes')}
            data-testid="kb-field-notes"
          />
          <FieldErrors issues={at('notes')} />
        </label>
        <MarkdownPreview html={previewHtml.notes} testId="kb-notes-preview" extraClass="kb-preview-notes" />
      </div>
      {form.body ? (
        <div className="kb-body-preview">
          <label className="kb-field">
            <span>{t('kb.fields.body')}</span>
            <textarea
              value={form.body}
              rows={10}
              aria-invalid={at('body').length > 0}
              onChange={(e) => onChange({ ...form, body: e.target.value })}
              onBlur={() => onBlur('body')}
              data-testid="kb-field-body"
            />
            <FieldErrors issues={at('body')} />
          </label>
          <MarkdownPreview html={previewHtml.body} testId="kb-body-preview" />
        </div>
      ) : null}
    </div>
  );
}

/** A field's live preview: sanitised Markdown rendered beside it. */
function MarkdownPreview({ html, testId, extraClass = '' }: { html: string; testId: string; extraClass?: string }) {
  const { t } = useI18n();
  return (
    <div className="kb-field">
      <span>{t('kb.preview')}</span>
      <div
        className={`kb-markdown kb-preview ${extraClass}`.trim()}
        data-testid={testId}
        aria-live="off"
        dangerouslySetInnerHTML={{ __html: html }}
      />
    </div>
  );
}
