import { useI18n } from '@/components/I18nProvider';
import { stateLabel } from '@/components/stateLabel';
import { ruleKey } from '@/utils/console/rule-health';
import type { RuleProblem } from '@/utils/console/rule-problems';
import type { InstalledPack } from '@/utils/kb/pack-record';
import type { CustomOtherCode } from '@/utils/settings';
import { RuleProblemNote } from './RuleProblemNote';

/** The team packs' rules, read-only, in the order they apply (after the agent's own). */
export function PackRules({
  packs,
  customCodes,
  problems,
}: {
  packs: InstalledPack[];
  customCodes: readonly CustomOtherCode[];
  problems: ReadonlyMap<string, RuleProblem>;
}) {
  const { t } = useI18n();
  return (
    <div className="rules-packs" data-testid="rules-packs">
      <h3>{t('rules.fromPacks')}</h3>
      <p className="sm-muted small">{t('rules.fromPacksHelp')}</p>
      {packs.flatMap((pack) =>
        pack.consoleSites
          .filter((s) => s.pageRules.length > 0)
          .map((s) => (
            <div key={`${pack.id} ${s.pattern}`} className="rules-pack-site" data-testid="rules-pack-site">
              <div className="small">{t('rules.packSite', { pack: pack.name, site: s.pattern })}</div>
              <ol className="rules-pack-list">
                {s.pageRules.map((r, i) => (
                  <li key={i} data-testid="rules-pack-rule">
                    <code>{r.selector}</code>
                    <span className="sm-muted">·</span>
                    {r.textPattern ? (
                      <code>{r.textPattern}</code>
                    ) : (
                      <span className="sm-muted">{t('rules.anyText')}</span>
                    )}
                    <span aria-hidden="true">→</span>
                    <span className="badge">
                      {stateLabel(t, r.code ? { state: r.state, code: r.code } : r, customCodes)}
                    </span>
                    <RuleProblemNote problem={problems.get(ruleKey(r))} />
                  </li>
                ))}
              </ol>
            </div>
          )),
      )}
    </div>
  );
}
