import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useMemo, useState } from 'react';
import { download } from '@/components/download';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { exportCsv, exportFileName, type BuiltExport } from '@/utils/feedback/export';
import { exportOutbox } from '@/utils/feedback/outbox-store';
import { MOOD_LEVELS, type OutboxItem, type WeeklyMood } from '@/utils/feedback/records';
import { weeklyMoodCounts } from '@/utils/wellbeing/mood';
import { parseWellbeingRows } from '@/utils/wellbeing/records';
import { outboxContext } from './context';

/** The agent's mood check-ins counted per week (empty when wellbeing has recorded none). */
async function loadMood(): Promise<WeeklyMood[]> {
  const rows = parseWellbeingRows(await getDb().wellbeingEvents.toArray()).rows;
  return weeklyMoodCounts(rows, -new Date().getTimezoneOffset());
}

/**
 * Export for the manager: the ready items (and, if the agent asks, the ones exported before) with
 * the optional sections the agent ticks. The JSON file downloads at once; the CSV view of the same
 * export can be downloaded after it.
 */
export function ExportPanel({
  items,
  readBy,
  onExported,
  onError,
}: {
  items: readonly OutboxItem[];
  /** Who reads the feedback, from the team pack, if it says. */
  readBy: string | null;
  onExported: (count: number) => void;
  onError: (text: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const misses = useLiveQuery(() => getDb().searchMisses.toArray(), []);
  const mood = useLiveQuery(loadMood, []);
  const [withGaps, setWithGaps] = useState(false);
  const [withMood, setWithMood] = useState(false);
  const [again, setAgain] = useState(false);
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<BuiltExport | null>(null);

  const ready = items.filter((i) => i.status === 'ready');
  const exported = items.filter((i) => i.status === 'exported' && !(i.restored && i.text === ''));
  const chosen = again ? [...ready, ...exported] : ready;
  const gapWeeks = useMemo(() => new Set((misses ?? []).map((m) => m.week)).size, [misses]);
  const moodCount = useMemo(
    () => (mood ?? []).reduce((n, w) => n + MOOD_LEVELS.reduce((k, l) => k + w.counts[l], 0), 0),
    [mood],
  );
  const hasSection = (withGaps && (misses?.length ?? 0) > 0) || (withMood && moodCount > 0);
  const canExport = !busy && (chosen.length > 0 || hasSection);

  async function run() {
    setBusy(true);
    try {
      const ctx = outboxContext();
      const built = await exportOutbox(getDb(), {
        itemIds: chosen.map((i) => i.id),
        ...(withGaps ? { kbMisses: misses ?? [] } : {}),
        ...(withMood ? { mood: mood ?? [] } : {}),
        now: ctx.now,
        tzOffsetMinutes: ctx.tzOffsetMinutes,
        random: ctx.random,
      });
      download(built.fileName, 'application/json', built.json);
      setLast(built);
      setAgain(false);
      onExported(built.itemIds.length);
    } catch (e) {
      onError(t('feedback.page.exportFailed', { detail: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="fb-card" id="export" aria-labelledby={`${id}-title`} data-testid="feedback-export">
      <h2 id={`${id}-title`}>{t('feedback.page.exportTitle')}</h2>
      <p className="sm-muted fb-hint">{t('feedback.page.exportHint')}</p>
      {readBy ? <p className="fb-hint">{t('feedback.page.readBy', { who: readBy })}</p> : null}
      <p data-testid="feedback-export-count">{t('feedback.page.exportCount', { n: chosen.length })}</p>
      <label className="fb-choice">
        <input
          type="checkbox"
          checked={withGaps}
          onChange={(e) => setWithGaps(e.target.checked)}
          data-testid="feedback-export-kbgaps"
        />
        <span>
          {t('feedback.page.exportKbGaps')}
          <span className="sm-muted fb-hint">
            {' — '}
            {(misses?.length ?? 0) > 0
              ? t('feedback.page.exportKbGapsSummary', { queries: misses?.length ?? 0, weeks: gapWeeks })
              : t('feedback.page.exportKbGapsNone')}
          </span>
        </span>
      </label>
      <label className="fb-choice">
        <input
          type="checkbox"
          checked={withMood}
          onChange={(e) => setWithMood(e.target.checked)}
          data-testid="feedback-export-mood"
        />
        <span>
          {t('feedback.page.exportMood')}
          <span className="sm-muted fb-hint">
            {' — '}
            {moodCount > 0
              ? t('feedback.page.exportMoodSummary', { checkins: moodCount, weeks: mood?.length ?? 0 })
              : t('feedback.page.exportMoodNone')}
          </span>
        </span>
      </label>
      {exported.length > 0 ? (
        <label className="fb-choice">
          <input
            type="checkbox"
            checked={again}
            onChange={(e) => setAgain(e.target.checked)}
            data-testid="feedback-export-again"
          />
          <span>{t('feedback.page.exportAgain', { n: exported.length })}</span>
        </label>
      ) : null}
      <div className="fb-row">
        <button
          type="button"
          className="primary"
          disabled={!canExport}
          onClick={() => void run()}
          data-testid="feedback-export-button"
        >
          {busy ? t('feedback.page.exporting') : t('feedback.page.exportButton')}
        </button>
      </div>
      {last ? (
        <div className="fb-result" role="status" data-testid="feedback-export-result">
          <p>
            {t('feedback.page.exportDone', {
              n: last.itemIds.length,
              file: last.fileName,
            })}
          </p>
          <p className="sm-muted fb-hint">{t('feedback.page.exportHandOver')}</p>
          <div className="fb-row">
            <button
              type="button"
              onClick={() =>
                download(exportFileName(last.doc.week, 'csv'), 'text/csv;charset=utf-8', exportCsv(last.doc.items, t))
              }
              data-testid="feedback-export-csv"
            >
              {t('feedback.page.exportCsv')}
            </button>
            <button
              type="button"
              onClick={() => download(last.fileName, 'application/json', last.json)}
              data-testid="feedback-export-json"
            >
              {t('feedback.page.exportJsonAgain')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}
