import { useId, useState } from 'react';
import { download } from '@/components/download';
import { useI18n } from '@/components/I18nProvider';
import { buildMergedExport, buildRepliesFile, mergedCsv, packReplyFields } from '@/utils/feedback/inbox-export';
import type { InboxItem, InboxShare } from '@/utils/feedback/inbox-records';
import { inboxStamp } from './stamp';

/** Where the publisher's name is remembered between visits (this page only). */
const PUBLISHER_KEY = 'seatmate.inbox.publisher';

/**
 * What leaves the inbox: the replies (a file for the shared folder, or the team pack's reply
 * section), the merged items (JSON another inbox imports, CSV for a spreadsheet), and clearing the
 * inbox (with Undo).
 */
export function PublishPanel({
  items,
  shares,
  onPublished,
  onClear,
  onError,
}: {
  items: readonly InboxItem[];
  shares: readonly InboxShare[];
  onPublished: (text: string) => void;
  onClear: () => void;
  onError: (text: string) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const [publisher, setPublisher] = useState(() => localStorage.getItem(PUBLISHER_KEY) ?? '');
  const num = new Intl.NumberFormat(locale);
  const answers = items.reduce((n, i) => n + i.answers.length, 0);
  const empty = items.length === 0;

  async function repliesFile() {
    try {
      const built = await buildRepliesFile(items, { today: inboxStamp().today, publisher });
      download(built.fileName, 'application/json', built.json);
      onPublished(t('feedback.inbox.published', { file: built.fileName }));
    } catch (e) {
      onError(t('feedback.inbox.publishFailed', { detail: e instanceof Error ? e.message : String(e) }));
    }
  }

  function packSection() {
    const name = `seatmate-pack-replies-${inboxStamp().today}.json`;
    download(name, 'application/json', JSON.stringify(packReplyFields(items), null, 2) + '\n');
    onPublished(t('feedback.inbox.published', { file: name }));
  }

  async function merged(kind: 'json' | 'csv') {
    try {
      if (kind === 'csv') {
        download(`seatmate-feedback-merged-${inboxStamp().today}.csv`, 'text/csv;charset=utf-8', mergedCsv(items, t));
        return;
      }
      const built = await buildMergedExport(items, shares, inboxStamp());
      download(built.fileName, 'application/json', built.json);
    } catch (e) {
      onError(t('feedback.inbox.publishFailed', { detail: e instanceof Error ? e.message : String(e) }));
    }
  }

  return (
    <section className="fb-card" aria-labelledby={`${id}-title`} data-testid="inbox-publish">
      <h2 id={`${id}-title`}>{t('feedback.inbox.publishTitle')}</h2>
      <p className="sm-muted fb-hint">{t('feedback.inbox.publishHint')}</p>
      <p data-testid="inbox-publish-summary">
        {t('feedback.inbox.publishSummary', { items: num.format(items.length), answers: num.format(answers) })}
      </p>
      <div className="fb-field">
        <label htmlFor={`${id}-publisher`}>{t('feedback.inbox.publisher')}</label>
        <input
          id={`${id}-publisher`}
          type="text"
          maxLength={120}
          value={publisher}
          placeholder={t('feedback.inbox.publisherPlaceholder')}
          onChange={(e) => {
            setPublisher(e.target.value);
            localStorage.setItem(PUBLISHER_KEY, e.target.value);
          }}
          data-testid="inbox-publisher"
        />
      </div>
      <div className="fb-row">
        <button
          type="button"
          className="primary"
          disabled={empty}
          onClick={() => void repliesFile()}
          data-testid="inbox-publish-file"
        >
          {t('feedback.inbox.publishFile')}
        </button>
        <button type="button" disabled={empty} onClick={packSection} data-testid="inbox-publish-pack">
          {t('feedback.inbox.publishPack')}
        </button>
      </div>
      <p className="sm-muted fb-hint">{t('feedback.inbox.publishPackHint')}</p>
      <h3>{t('feedback.inbox.exportTitle')}</h3>
      <div className="fb-row">
        <button type="button" disabled={empty} onClick={() => void merged('json')} data-testid="inbox-export-json">
          {t('feedback.inbox.exportJson')}
        </button>
        <button type="button" disabled={empty} onClick={() => void merged('csv')} data-testid="inbox-export-csv">
          {t('feedback.inbox.exportCsv')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={empty && shares.length === 0}
          onClick={onClear}
          data-testid="inbox-clear"
        >
          {t('feedback.inbox.clear')}
        </button>
      </div>
    </section>
  );
}
