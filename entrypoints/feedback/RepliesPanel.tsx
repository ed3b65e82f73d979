import { useId, useState } from 'react';
import { FileDrop, type PickedFile } from '@/components/FileDrop';
import { useI18n } from '@/components/I18nProvider';
import { loopSentence } from '@/components/loopSentence';
import { getDb } from '@/utils/db';
import { CATEGORY_CATALOGUE } from '@/utils/feedback/categories';
import { FeedbackFileError, FILE_ERROR_MESSAGES } from '@/utils/feedback/file-errors';
import { REPLY_STATUS_LABELS } from '@/utils/feedback/inbox-records';
import { markRepliesRead } from '@/utils/feedback/outbox-store';
import type { OutboxItem, StoredReply } from '@/utils/feedback/records';
import { fromRepliesFile, parseRepliesFile, type LoopFigures } from '@/utils/feedback/replies-format';
import { applyAllReplies } from '@/utils/feedback/replies-sources';
import { saveFileLoop } from './loop-item';

type Outcome = { ok: true; text: string } | { ok: false; text: string };

/**
 * What managers said about the agent's own items: the status of each, the answers (new ones
 * marked until read), the loop figures, and a replies file to import. Replies in team packs
 * arrive by themselves.
 */
export function RepliesPanel({
  items,
  replies,
  loop,
}: {
  items: readonly OutboxItem[];
  replies: readonly StoredReply[];
  loop: LoopFigures | null;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);

  const byItem = new Map<string, StoredReply[]>();
  for (const r of replies) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  const answered = items
    .filter((i) => i.reply || byItem.has(i.id))
    .sort((a, b) => ((b.reply?.day ?? '') < (a.reply?.day ?? '') ? -1 : 1));
  const unread = replies.filter((r) => !r.read);

  async function importFile(files: PickedFile[]) {
    const file = files[0];
    if (!file) return;
    setBusy(true);
    try {
      const doc = await parseRepliesFile(file.name, file.text);
      const matched = await applyAllReplies(getDb(), [fromRepliesFile(doc)]);
      await saveFileLoop({ loop: doc.loop, publishedOn: doc.publishedOn, publisher: doc.publisher ?? null });
      const own = matched.items;
      const answers = own.reduce((n, s) => n + s.answers.length, 0);
      setOutcome({
        ok: true,
        text:
          own.length === 0
            ? t('feedback.page.repliesNoneForYou', { file: file.name })
            : t('feedback.page.repliesImported', { file: file.name, items: own.length, answers }),
      });
    } catch (e) {
      setOutcome({
        ok: false,
        text:
          e instanceof FeedbackFileError
            ? t(FILE_ERROR_MESSAGES[e.code], { file: e.file, detail: e.detail })
            : t('feedback.page.repliesFailed', { file: file.name, detail: String(e) }),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fb-card" id="replies" aria-labelledby={`${id}-title`} data-testid="feedback-replies">
      <h2 id={`${id}-title`}>
        {t('feedback.page.repliesTitle')}
        {unread.length > 0 ? (
          <span className="fb-count" data-testid="feedback-replies-unread">
            {t('feedback.page.unread', { n: unread.length })}
          </span>
        ) : null}
      </h2>
      <p className="fb-loop" data-testid="feedback-loop">
        {loopSentence(t, locale, loop)}
      </p>
      <FileDrop
        label={t('feedback.page.repliesImport')}
        hint={t('feedback.page.repliesImportHint')}
        accept=".json,application/json"
        multiple={false}
        disabled={busy}
        onFiles={(f) => void importFile(f)}
        testId="feedback-replies-file"
      />
      {outcome ? (
        <p
          className={outcome.ok ? 'fb-result' : 'fb-result sm-error'}
          role={outcome.ok ? 'status' : 'alert'}
          data-testid={outcome.ok ? 'feedback-replies-result' : 'feedback-replies-error'}
        >
          {outcome.text}
        </p>
      ) : null}
      {unread.length > 0 ? (
        <button
          type="button"
          onClick={() =>
            void markRepliesRead(
              getDb(),
              unread.map((r) => r.id),
            )
          }
          data-testid="feedback-replies-read-all"
        >
          {t('feedback.page.markAllRead')}
        </button>
      ) : null}
      {answered.length === 0 ? (
        <p className="sm-muted" data-testid="feedback-replies-empty">
          {t('feedback.page.repliesEmpty')}
        </p>
      ) : (
        <ul className="fb-items">
          {answered.map((item) => {
            const own = (byItem.get(item.id) ?? []).sort((a, b) => (a.day < b.day ? -1 : 1));
            const fresh = own.filter((r) => !r.read);
            return (
              <li key={item.id} className="fb-item" data-id={item.id} data-testid="feedback-reply-item">
                <div className="fb-item-meta">
                  <span
                    className={`fb-badge reply-${item.reply?.status ?? 'answered'}`}
                    data-testid="feedback-reply-status"
                  >
                    {t(REPLY_STATUS_LABELS[item.reply?.status ?? 'answered'])}
                    {item.reply ? ` · ${item.reply.day}` : ''}
                  </span>
                  <span className="fb-badge">{t(CATEGORY_CATALOGUE[item.category].label)}</span>
                </div>
                <p className="fb-item-text sm-muted">
                  {item.text ? item.text.slice(0, 160) : t('feedback.page.restoredNoText', { week: item.week })}
                </p>
                {own.map((r) => (
                  <blockquote
                    key={r.id}
                    className={r.read ? 'fb-answer' : 'fb-answer unread'}
                    data-testid="feedback-reply-answer"
                  >
                    {!r.read ? <span className="fb-badge new">{t('feedback.page.newAnswer')}</span> : null}
                    <span className="sm-muted fb-hint">{t('feedback.page.answeredOn', { day: r.day })}</span>
                    <p>{r.body}</p>
                  </blockquote>
                ))}
                {fresh.length > 0 ? (
                  <button
                    type="button"
                    onClick={() =>
                      void markRepliesRead(
                        getDb(),
                        fresh.map((r) => r.id),
                      )
                    }
                    data-testid="feedback-reply-read"
                  >
                    {t('feedback.page.markRead')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
