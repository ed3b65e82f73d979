import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { savePackPageRules } from '@/utils/console/page-rules-store';
import { packSiteRules } from '@/utils/console/rule-eval';
import { getDb } from '@/utils/db';
import { PackRules } from './PackRules';
import { useRuleProblems } from './RuleProblemNote';
import { SiteRulesEditor } from './SiteRulesEditor';

/**
 * Options → Page rules: per console site, an ordered list of rules the agent edits (selector, text
 * pattern, state), the case element, Save, and a tester that outlines what the rules match on the
 * open console page. Rules from team packs are listed read-only. Also keeps the content scripts'
 * copy of pack rules current when packs are imported or removed on this page.
 */
export function RulesSection() {
  const { t, settings } = useI18n();
  const packs = useLiveQuery(() => getDb().packs.toArray(), []);
  const problems = useRuleProblems();

  useEffect(() => {
    if (packs) void savePackPageRules(packSiteRules(packs)).catch(() => undefined);
  }, [packs]);

  if (!settings) return null;
  const sites = settings.settings.consoleSites;
  const packRules = (packs ?? [])
    .filter((p) => p.consoleSites.some((s) => s.pageRules.length > 0))
    .sort((a, b) => a.name.localeCompare(b.name));

  return (
    <section className="card rules" aria-labelledby="rules-heading" data-testid="rules-section">
      <h2 id="rules-heading">{t('rules.heading')}</h2>
      <p className="sm-muted">{t('rules.help')}</p>
      <p className="sm-muted">{t('rules.precedence')}</p>
      {sites.length === 0 ? (
        <p className="empty sm-muted" data-testid="rules-no-sites">
          {t('rules.noSites')}
        </p>
      ) : (
        sites.map((site) => (
          <SiteRulesEditor
            key={site}
            site={site}
            saved={settings.settings.pageRules.find((r) => r.site === site) ?? null}
            customCodes={settings.settings.otherCodes}
            problems={problems}
          />
        ))
      )}
      {packRules.length > 0 ? (
        <PackRules packs={packRules} customCodes={settings.settings.otherCodes} problems={problems} />
      ) : null}
    </section>
  );
}
