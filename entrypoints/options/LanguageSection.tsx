import { useI18n } from '@/components/I18nProvider';
import { LANGUAGE_PREFS, type LanguagePref } from '@/utils/settings';
import { saveSettings } from '@/utils/settings-store';
import { LockedNote } from './LockedNote';

/** Language: follow the browser, or always Chinese / English. */
export function LanguageSection() {
  const { t, settings } = useI18n();
  if (!settings) return null;
  const locked = settings.locks.language;
  return (
    <section className="card" aria-labelledby="language-heading">
      <h2 id="language-heading">{t('options.language.heading')}</h2>
      <label className="field">
        <span>{t('options.language.label')}</span>
        <select
          value={settings.settings.language}
          disabled={locked}
          onChange={(e) => void saveSettings({ language: e.target.value as LanguagePref })}
          data-testid="options-language"
        >
          {LANGUAGE_PREFS.map((pref) => (
            <option key={pref} value={pref}>
              {t(`options.language.${pref === 'zh-CN' ? 'zhCN' : pref}`)}
            </option>
          ))}
        </select>
      </label>
      {locked ? <LockedNote /> : null}
    </section>
  );
}
