import { useI18n } from '@/components/I18nProvider';
import type { FieldIssue } from '@/utils/kb/store';
import { issueText } from './form';

/** The validation problems of one field, shown beside it. */
export function FieldErrors({ issues, id }: { issues: readonly FieldIssue[]; id?: string }) {
  const { t } = useI18n();
  if (issues.length === 0) return null;
  return (
    <p
      className="kb-field-error sm-error"
      id={id}
      role="alert"
      data-testid="kb-field-error"
      data-path={issues[0]!.path}
    >
      {[...new Set(issues.map((i) => issueText(t, i)))].join(' · ')}
    </p>
  );
}
