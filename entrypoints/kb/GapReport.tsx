import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { download } from '@/components/download';
import { useModalDialog } from '@/components/useModalDialog';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { buildKbGapReport, flagOutdated } from '@/utils/kb/usage';

/**
 * "What the KB lacks": the anonymised gap report built from searches that found nothing (counts
 * per query, weeks only, personal-looking and one-off queries withheld), to download and hand to
 * the team lead with anonymous feedback.
 */
export function GapReport() {
  const { t } = useI18n();
  const misses = useLiveQuery(() => getDb().searchMisses.toArray(), []);
  // Articles the agent flagged as outdated from the palette, with the week only.
  const outdated = useLiveQuery(async () => {
    const db = getDb();
    const flagged = (await db.articleUsage.toArray()).filter((u) => u.outdatedWeek);
    const articles = await db.articles.bulkGet(flagged.map((u) => u.articleId));
    return flagged.map((u, i) => ({
      articleId: u.articleId,
      title: articles[i]?.title ?? u.articleId,
      week: u.outdatedWeek!,
    }));
  }, []);
  const report = useMemo(() => buildKbGapReport(misses ?? [], { outdated: outdated ?? [] }), [misses, outdated]);
  const [open, setOpen] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const dialogRef = useModalDialog(open);

  const close = () => {
    setOpen(false);
    setConfirmClear(false);
  };

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="kb-gaps-button">
        {t('kbGaps.button')}
      </button>
      <dialog
        ref={dialogRef}
        className="kbio-dialog"
        aria-labelledby="kb-gaps-title"
        onCancel={(e) => {
          e.preventDefault();
          close();
        }}
        data-testid="kb-gaps-dialog"
      >
        <h2 id="kb-gaps-title">{t('kbGaps.title')}</h2>
        <p className="sm-muted">{t('kbGaps.explain')}</p>
        {report.outdated.length > 0 ? (
          <table className="kb-gaps-table" data-testid="kb-gaps-outdated">
            <caption>{t('kbGaps.outdatedTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('kbGaps.article')}</th>
                <th scope="col">{t('kbGaps.week')}</th>
                <th scope="col">{t('kbGaps.unflag')}</th>
              </tr>
            </thead>
            <tbody>
              {report.outdated.map((o) => (
                <tr key={o.articleId} data-testid="kb-gaps-outdated-row" data-article-id={o.articleId}>
                  <td>{o.title}</td>
                  <td>{o.week}</td>
                  <td>
                    <button
                      type="button"
                      onClick={() => void flagOutdated(getDb(), o.articleId, false, Date.now())}
                      data-testid="kb-gaps-unflag"
                    >
                      {t('kbGaps.unflag')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {report.misses.length === 0 ? (
          <p data-testid="kb-gaps-empty">{t('kbGaps.empty')}</p>
        ) : (
          <table className="kb-gaps-table" data-testid="kb-gaps-table">
            <thead>
              <tr>
                <th scope="col">{t('kbGaps.query')}</th>
                <th scope="col">{t('kbGaps.count')}</th>
              </tr>
            </thead>
            <tbody>
              {report.misses.map((m) => (
                <tr key={m.query} data-testid="kb-gaps-row">
                  <td>{m.query}</td>
                  <td>{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="sm-muted" data-testid="kb-gaps-summary">
          {report.weeks
            ? t('kbGaps.summary', { from: report.weeks.from, to: report.weeks.to, withheld: String(report.withheld) })
            : t('kbGaps.noData')}
        </p>
        <div className="kb-gaps-actions">
          {confirmClear ? (
            <>
              <span role="alert">{t('kbGaps.clearConfirm')}</span>
              <button
                type="button"
                className="danger"
                onClick={() => {
                  void getDb()
                    .searchMisses.clear()
                    .then(() => setConfirmClear(false));
                }}
                data-testid="kb-gaps-clear-confirm"
              >
                {t('kbGaps.clear')}
              </button>
              <button type="button" onClick={() => setConfirmClear(false)}>
                {t('kbGaps.keep')}
              </button>
            </>
          ) : (
            <button
              type="button"
              onClick={() => setConfirmClear(true)}
              disabled={(misses ?? []).length === 0}
              data-testid="kb-gaps-clear"
            >
              {t('kbGaps.clear')}
            </button>
          )}
          <span className="kb-gaps-spacer" />
          <button
            type="button"
            className="primary"
            disabled={report.misses.length === 0 && report.outdated.length === 0}
            onClick={() =>
              download(
                `seatmate-kb-gaps-${report.weeks?.to ?? 'empty'}.json`,
                'application/json',
                `${JSON.stringify(report, null, 2)}\n`,
              )
            }
            data-testid="kb-gaps-download"
          >
            {t('kbGaps.download')}
          </button>
          <button type="button" onClick={close} data-testid="kb-gaps-close">
            {t('kbGaps.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
