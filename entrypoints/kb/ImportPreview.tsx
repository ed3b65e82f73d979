import { useI18n } from '@/components/I18nProvider';
import type { MessageKey, Translate } from '@/utils/i18n';
import type { ImportPreview } from '@/utils/kb/io/preview';
import type { KbFormat } from '@/utils/kb/io/types';
import { fieldText, problemText, SkippedEntries, whereText } from './ImportProblems';

/** The steps of an import, in order (each one shows progress). */
export type Phase = 'read' | 'parse' | 'compare' | 'write';

const ENCODING_NAMES: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 (BOM)',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GBK / GB18030',
  mixed: 'UTF-8 / GBK',
};

const PHASE_KEYS: Record<Phase, MessageKey> = {
  read: 'kbio.phase.read',
  parse: 'kbio.phase.parse',
  compare: 'kbio.phase.compare',
  write: 'kbio.phase.write',
};

/** Problems listed in the preview table; the rest are counted. */
const MAX_LISTED_PROBLEMS = 200;

/** An import at work: the file, a progress bar and which step it is at. */
export function Progress({
  step,
  t,
  fmt,
}: {
  step: { phase: Phase; done: number; total: number; label: string };
  t: Translate;
  fmt: (n: number) => string;
}) {
  const known = step.total > 0;
  return (
    <div className="kbio-progress">
      <p className="sm-muted" id="kbio-progress-label">
        {step.label}
      </p>
      <progress
        max={known ? step.total : undefined}
        value={known ? step.done : undefined}
        aria-labelledby="kbio-progress-label kbio-progress-text"
        data-testid="kb-import-progress"
      />
      <p id="kbio-progress-text" aria-live="polite">
        {t(PHASE_KEYS[step.phase], { done: fmt(step.done), total: fmt(step.total) })}
      </p>
    </div>
  );
}

/** The preview of an import: source and encoding, counts by kind, skipped entries and invalid rows. */
export function PreviewBody({
  preview,
  label,
  skipInvalid,
  onSkipInvalid,
}: {
  preview: ImportPreview;
  label: string;
  skipInvalid: boolean;
  onSkipInvalid: (v: boolean) => void;
}) {
  const { t } = useI18n();
  const valid = preview.new.length + preview.changed.length + preview.unchanged.length;
  const formatKey: Record<KbFormat, MessageKey> = {
    json: 'kbio.formats.json',
    csv: 'kbio.formats.csv',
    markdown: 'kbio.formats.markdown',
  };
  const counts: Array<[string, MessageKey, number]> = [
    ['new', 'kbio.counts.new', preview.new.length],
    ['changed', 'kbio.counts.changed', preview.changed.length],
    ['unchanged', 'kbio.counts.unchanged', preview.unchanged.length],
    ['invalid', 'kbio.counts.invalid', preview.invalidItems],
  ];
  return (
    <>
      <p className="sm-muted" data-testid="kb-import-source">
        {t('kbio.source', {
          name: label,
          format: t(formatKey[preview.format]),
          encoding: ENCODING_NAMES[preview.encoding] ?? preview.encoding,
        })}
      </p>
      <dl className="kbio-counts" aria-label={t('kbio.countsLabel')}>
        {counts.map(([name, key, n]) => (
          <div key={name} className={`kbio-count kbio-count-${name}${n > 0 ? ' has' : ''}`}>
            <dt>{t(key)}</dt>
            <dd data-testid={`kb-import-count-${name}`}>{n}</dd>
          </div>
        ))}
      </dl>
      {preview.ignored.length ? (
        <p className="sm-muted" data-testid="kb-import-ignored">
          {t('kbio.ignored', {
            files: preview.ignored.slice(0, 10).join(', ') + (preview.ignored.length > 10 ? ' …' : ''),
          })}
        </p>
      ) : null}
      <SkippedEntries skipped={preview.skipped} />
      {preview.invalid.length ? (
        <div className="kbio-errors" data-testid="kb-import-errors">
          <p className="sm-error" role="alert">
            {t('kbio.errorsTitle')}
          </p>
          <div className="kbio-errors-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('kbio.errorsWhere')}</th>
                  <th scope="col">{t('kbio.errorsField')}</th>
                  <th scope="col">{t('kbio.errorsProblem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.invalid.slice(0, MAX_LISTED_PROBLEMS).map((p, i) => (
                  <tr key={i} data-testid="kb-import-error">
                    <td>{whereText(t, p.where)}</td>
                    <td>
                      <code>{fieldText(t, p.field)}</code>
                    </td>
                    <td>{problemText(t, p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.invalid.length > MAX_LISTED_PROBLEMS ? (
            <p className="sm-muted">{t('kbio.moreErrors', { count: preview.invalid.length - MAX_LISTED_PROBLEMS })}</p>
          ) : null}
          {valid > 0 ? (
            <label className="kbio-skip">
              <input
                type="checkbox"
                checked={skipInvalid}
                onChange={(e) => onSkipInvalid(e.target.checked)}
                data-testid="kb-import-skip-invalid"
              />
              <span>{t('kbio.skipInvalid', { valid, invalid: preview.invalidItems })}</span>
            </label>
          ) : null}
        </div>
      ) : null}
      {preview.invalidItems === 0 && preview.new.length + preview.changed.length === 0 ? (
        <p className="sm-muted" data-testid="kb-import-nothing">
          {t('kbio.nothingToImport')}
        </p>
      ) : null}
    </>
  );
}

/** Import: disabled while invalid rows are neither fixed nor skipped, or when nothing would change. */
export function ConfirmButton({
  preview,
  skipInvalid,
  onConfirm,
}: {
  preview: ImportPreview;
  skipInvalid: boolean;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const writes = preview.new.length + preview.changed.length;
  const blocked = (preview.invalidItems > 0 && !skipInvalid) || writes === 0;
  return (
    <button type="button" className="primary" disabled={blocked} onClick={onConfirm} data-testid="kb-import-confirm">
      {t('kbio.confirm', { count: writes })}
    </button>
  );
}
