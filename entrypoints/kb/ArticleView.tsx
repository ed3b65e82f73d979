import { useMemo } from 'react';
import { ARTICLE_SOURCE_CATALOGUE } from '@/utils/kb/article-kinds';
import { useI18n } from '@/components/I18nProvider';
import { renderMarkdown } from '@/components/markdown';
import type { Article } from '@/utils/kb/article';
import { ArticleBadges } from './ArticleBadges';

/**
 * The selected article: its body rendered (sanitised Markdown), script steps with must-say lines
 * marked, placeholders, and what the agent can do with it. Team pack articles are read-only.
 */
export function ArticleView({
  article: a,
  pinned,
  packName,
  today,
  onEdit,
  onDelete,
  onCopy,
  onPin,
}: {
  article: Article;
  pinned: boolean;
  packName: string | undefined;
  today: string;
  onEdit: () => void;
  onDelete: () => void;
  onCopy: () => void;
  onPin: (pin: boolean) => void;
}) {
  const { t } = useI18n();
  const html = useMemo(
    () => ({
      replies: a.replies.map((r) => ({ label: r.label, html: renderMarkdown(r.text) })),
      notes: a.notes ? renderMarkdown(a.notes) : '',
      body: a.body ? renderMarkdown(a.body) : '',
    }),
    [a],
  );
  const readOnly = !ARTICLE_SOURCE_CATALOGUE[a.source].editable;
  return (
    <article className="kb-view" data-testid="kb-view" data-article-id={a.id}>
      <header className="kb-view-header">
        <h2 data-testid="kb-view-title">{a.title}</h2>
        <div className="kb-view-badges">
          <ArticleBadges article={a} packName={packName} today={today} />
          <span className="kb-badge">{a.lang === 'zh-CN' ? '中文' : 'English'}</span>
        </div>
      </header>
      <div className="kb-actions">
        {!readOnly ? (
          <button type="button" className="primary" onClick={onEdit} data-testid="kb-edit">
            {t('kb.edit')}
          </button>
        ) : null}
        {a.source !== 'local' ? (
          <button type="button" onClick={onCopy} data-testid="kb-copy-personal">
            {t('kb.copyToPersonal')}
          </button>
        ) : null}
        <button type="button" aria-pressed={pinned} onClick={() => onPin(!pinned)} data-testid="kb-pin">
          {pinned ? `★ ${t('kb.unpin')}` : `☆ ${t('kb.pin')}`}
        </button>
        {!readOnly ? (
          <button type="button" className="danger" onClick={onDelete} data-testid="kb-delete">
            {t('kb.delete')}
          </button>
        ) : null}
      </div>
      {readOnly ? (
        <p className="kb-note sm-muted" data-testid="kb-read-only">
          {t('kb.readOnly')}
        </p>
      ) : null}
      <dl className="kb-facts">
        {a.category ? (
          <>
            <dt>{t('kb.fields.category')}</dt>
            <dd>{a.category}</dd>
          </>
        ) : null}
        {a.tags.length > 0 ? (
          <>
            <dt>{t('kb.fields.tags')}</dt>
            <dd>{a.tags.join(', ')}</dd>
          </>
        ) : null}
        {a.keywords.length > 0 ? (
          <>
            <dt>{t('kb.fields.keywords')}</dt>
            <dd>{a.keywords.join(', ')}</dd>
          </>
        ) : null}
        {a.reviewBy ? (
          <>
            <dt>{t('kb.fields.reviewBy')}</dt>
            <dd>{a.reviewBy}</dd>
          </>
        ) : null}
        {a.verifiedOn ? (
          <>
            <dt>{t('kb.fields.verifiedOn')}</dt>
            <dd>{a.verifiedOn}</dd>
          </>
        ) : null}
      </dl>
      <div data-testid="kb-view-body">
        {html.replies.length > 0 ? (
          <section className="kb-view-reply" aria-label={t('kb.view.reply')} data-testid="kb-view-reply">
            <h3>{t('kb.view.reply')}</h3>
            {html.replies.map((r, i) => (
              <div key={i} className="kb-view-variant">
                {r.label ? <h4>{r.label}</h4> : null}
                <div className="kb-markdown" dangerouslySetInnerHTML={{ __html: r.html }} />
              </div>
            ))}
          </section>
        ) : null}
        {html.body ? <div className="kb-markdown" dangerouslySetInnerHTML={{ __html: html.body }} /> : null}
        {html.notes ? (
          <section className="kb-view-notes" aria-label={t('kb.view.notes')} data-testid="kb-view-notes">
            <h3>{t('kb.view.notes')}</h3>
            <div className="kb-markdown" dangerouslySetInnerHTML={{ __html: html.notes }} />
          </section>
        ) : null}
        {a.trigger ? (
          <p className="sm-muted" data-testid="kb-view-trigger">
            {t('kb.view.trigger')}: <code>{a.trigger}</code>
          </p>
        ) : null}
      </div>
      {a.steps.length > 0 ? (
        <section className="kb-steps" aria-label={t('kb.fields.steps')} data-testid="kb-view-steps">
          <h3>{t('kb.fields.steps')}</h3>
          <ol>
            {a.steps.map((step, i) => (
              <li key={i}>
                <strong>{step.title}</strong>
                <ul>
                  {step.lines.map((line, j) => (
                    <li key={j} className={line.mustSay ? 'must-say' : undefined} data-must-say={line.mustSay}>
                      {line.mustSay ? <span className="kb-badge must">{t('kb.mustSay')}</span> : null}
                      <span>{line.text}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {a.placeholders.length > 0 ? (
        <section className="kb-placeholders" data-testid="kb-view-placeholders">
          <h3>{t('kb.fields.placeholders')}</h3>
          <ul>
            {a.placeholders.map((p) => (
              <li key={p.key}>
                <code>{`{{${p.key}}}`}</code> {p.label} <span className="sm-muted">· {t(`kb.phTypes.${p.type}`)}</span>
                {p.options.length > 0 ? <span className="sm-muted"> · {p.options.join(' / ')}</span> : null}
                {p.defaultValue ? (
                  <span className="sm-muted"> · {t('kb.phDefault', { value: p.defaultValue })}</span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
