import { useI18n } from '@/components/I18nProvider';

/** Says a setting is set by the organisation's policy and cannot be changed here. */
export function LockedNote() {
  const { t } = useI18n();
  return (
    <p className="locked sm-muted" data-testid="options-locked">
      🔒 {t('options.locked')}
    </p>
  );
}
