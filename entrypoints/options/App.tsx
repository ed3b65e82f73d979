import { useI18n } from '@/components/I18nProvider';
import { HotkeySection } from './HotkeySection';
import { LanguageSection } from './LanguageSection';
import { PacksSection } from './PacksSection';
import { PageValuesSection } from './PageValuesSection';
import { RulesSection } from './RulesSection';
import { SitesSection } from './SitesSection';
import { TimeSection } from './TimeSection';
import { WellbeingSection } from './WellbeingSection';

/** Options: console sites, page rules, team packs, my time, wellbeing, hotkey, language. Settings set by the organisation show as locked. */
export function App() {
  const { t, settings } = useI18n();
  if (!settings) return <main className="options" aria-busy="true" />;
  return (
    <main className="options">
      <header className="options-header">
        <h1>{t('options.title')}</h1>
        <p className="sm-muted">{t('options.intro')}</p>
      </header>
      {settings.policyProblems.length > 0 ? (
        <div className="notice warn" role="alert" data-testid="options-policy-problems">
          <strong>{t('options.policyProblems')}</strong>
          <ul>
            {settings.policyProblems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <SitesSection />
      <RulesSection />
      <PageValuesSection />
      <PacksSection />
      <TimeSection />
      <WellbeingSection />
      <HotkeySection />
      <LanguageSection />
    </main>
  );
}
