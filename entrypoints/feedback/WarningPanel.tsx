import { useEffect, useId, useRef } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { findingKinds, WARNING_CATALOGUE, type ContentFinding } from '@/utils/feedback/warnings';
import { FindingText } from './FindingText';

/**
 * What may tell who wrote an anonymous item: the text with the findings marked, one line per
 * finding with what to do, and the two ways on (edit the text, or keep it as it is). The findings
 * follow the text as the agent edits it.
 */
export function WarningPanel({
  text,
  findings,
  onEdit,
  onKeep,
}: {
  text: string;
  findings: readonly ContentFinding[];
  onEdit: (start: number, end: number) => void;
  onKeep: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  // The panel takes focus when it opens, so a keyboard or screen-reader user hears it.
  useEffect(() => heading.current?.focus(), []);
  const kinds = findingKinds(findings);
  return (
    <section className="fb-warning" role="alert" aria-labelledby={`${id}-title`} data-testid="feedback-warning">
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('feedback.page.warningTitle')}
      </h3>
      <p>{t('feedback.warnings.intro')}</p>
      <FindingText text={text} findings={findings} labelOf={(f) => t(WARNING_CATALOGUE[f.kind].label)} />
      <ul className="fb-findings">
        {findings.map((f) => (
          <li key={`${f.start}-${f.kind}`} data-kind={f.kind} data-testid="feedback-warning-finding">
            <strong>{t(WARNING_CATALOGUE[f.kind].label)}</strong>: <q>{f.text}</q>{' '}
            <button
              type="button"
              className="link"
              onClick={() => onEdit(f.start, f.end)}
              data-testid="feedback-warning-select"
            >
              {t('feedback.page.warningSelect')}
            </button>
          </li>
        ))}
      </ul>
      <ul className="fb-advice sm-muted">
        {kinds.map((k) => (
          <li key={k}>{t(WARNING_CATALOGUE[k].advice)}</li>
        ))}
      </ul>
      <div className="fb-row">
        <button
          type="button"
          className="primary"
          onClick={() => onEdit(findings[0]!.start, findings[0]!.end)}
          data-testid="feedback-warning-edit"
        >
          {t('feedback.page.warningEdit')}
        </button>
        <button type="button" onClick={onKeep} data-testid="feedback-warning-keep">
          {t('feedback.warnings.keep')}
        </button>
      </div>
    </section>
  );
}
