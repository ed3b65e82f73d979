import { useId, useState } from 'react';
import { FileDrop, type PickedFile } from '@/components/FileDrop';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { FILE_ERROR_MESSAGES, FeedbackFileError } from '@/utils/feedback/file-errors';
import type { ImportPlan } from '@/utils/feedback/inbox';
import { importExportFiles } from '@/utils/feedback/inbox-store';
import { inboxStamp } from './stamp';

type Phase = { step: 'reading' | 'checking'; done: number; total: number } | { step: 'saving' } | null;
type Outcome = { ok: true; plan: ImportPlan } | { ok: false; errors: FeedbackFileError[]; total: number };

/**
 * Importing agents' export files: many at once (picked or dropped), with progress. A batch with
 * any refused file imports nothing, and every refused file is named with its reason; otherwise the
 * result says, per file, what was new.
 */
export function ImportPanel({ onImported }: { onImported: (newIds: string[]) => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const [phase, setPhase] = useState<Phase>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const num = new Intl.NumberFormat(locale);

  async function run(files: PickedFile[]) {
    setOutcome(null);
    try {
      setPhase({ step: 'checking', done: 0, total: files.length });
      const result = await importExportFiles(getDb(), files, inboxStamp(), (done, total) => {
        setPhase(done === total ? { step: 'saving' } : { step: 'checking', done, total });
      });
      if (result.ok) {
        setOutcome({ ok: true, plan: result.plan });
        onImported(result.plan.newItems.map((i) => i.id));
      } else setOutcome({ ok: false, errors: result.errors, total: files.length });
    } catch (e) {
      const error = new FeedbackFileError('invalid', files.map((f) => f.name).join(', '), String(e));
      setOutcome({ ok: false, errors: [error], total: files.length });
    } finally {
      setPhase(null);
    }
  }

  const progress =
    phase === null ? null : phase.step === 'saving' ? (
      <>
        <progress aria-labelledby={`${id}-progress`} />
        <span id={`${id}-progress`}>{t('feedback.inbox.importSaving')}</span>
      </>
    ) : (
      <>
        <progress value={phase.done} max={phase.total} aria-labelledby={`${id}-progress`} />
        <span id={`${id}-progress`}>
          {t(phase.step === 'reading' ? 'feedback.inbox.importReading' : 'feedback.inbox.importChecking', {
            done: phase.done,
            total: phase.total,
          })}
        </span>
      </>
    );

  return (
    <section className="fb-card" aria-labelledby={`${id}-title`} data-testid="inbox-import">
      <h2 id={`${id}-title`}>{t('feedback.inbox.importTitle')}</h2>
      <FileDrop
        label={t('feedback.inbox.importButton')}
        hint={t('feedback.inbox.importHint')}
        accept=".json,application/json"
        multiple
        disabled={phase !== null}
        onReading={(done, total) => setPhase({ step: 'reading', done, total })}
        onFiles={(files) => void run(files)}
        testId="inbox-import-files"
      />
      {progress ? (
        <div className="fb-row" role="status" data-testid="inbox-import-progress">
          {progress}
        </div>
      ) : null}
      {outcome?.ok === false ? (
        <div className="fb-result sm-error" role="alert" data-testid="inbox-import-refused">
          <p>
            <strong>{t('feedback.errors.batchRefused', { count: outcome.errors.length, total: outcome.total })}</strong>
          </p>
          <ul>
            {outcome.errors.map((e, i) => (
              <li key={i} data-file={e.file} data-code={e.code} data-testid="inbox-import-error">
                {t(FILE_ERROR_MESSAGES[e.code], { file: e.file, detail: e.detail })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {outcome?.ok ? (
        <div className="fb-result" role="status" data-testid="inbox-import-result">
          <p data-testid="inbox-import-summary">
            {t('feedback.import.summary', {
              files: outcome.plan.files.length,
              newItems: outcome.plan.newItems.length,
              duplicates: outcome.plan.duplicates,
              sections: outcome.plan.shares.length,
            })}
          </p>
          <table className="inbox-files">
            <thead>
              <tr>
                <th scope="col">{t('feedback.inbox.file')}</th>
                <th scope="col">{t('feedback.inbox.fileItems')}</th>
                <th scope="col">{t('feedback.inbox.fileNew')}</th>
                <th scope="col">{t('feedback.inbox.fileDuplicates')}</th>
                <th scope="col">{t('feedback.inbox.fileSections')}</th>
              </tr>
            </thead>
            <tbody>
              {outcome.plan.files.map((f, i) => (
                <tr key={i} data-testid="inbox-import-file-row">
                  <th scope="row">{f.name}</th>
                  <td>{num.format(f.items)}</td>
                  <td>{num.format(f.newItems)}</td>
                  <td>{num.format(f.duplicates + f.conflicts)}</td>
                  <td>{num.format(f.sections)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {outcome.plan.conflicts.length > 0 ? (
            <ul className="sm-error" data-testid="inbox-import-conflicts">
              {outcome.plan.conflicts.map((c) => (
                <li key={`${c.file}-${c.id}`}>{t('feedback.errors.conflict', { file: c.file, detail: c.id })}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
