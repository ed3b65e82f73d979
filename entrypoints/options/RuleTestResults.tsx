import { useI18n } from '@/components/I18nProvider';
import { stateLabel } from '@/components/stateLabel';
import type { RuleTestPage } from '@/utils/messages';
import type { CustomOtherCode } from '@/utils/settings';

/** What testing a site's rules found on each open console page: the state given and each rule's matches. */
export function RuleTestResults({
  site,
  pages,
  customCodes,
}: {
  site: string;
  pages: RuleTestPage[];
  customCodes: readonly CustomOtherCode[];
}) {
  const { t } = useI18n();
  if (pages.length === 0) {
    return (
      <p className="notice error" role="alert" data-testid="rules-test-none">
        {t('rules.noTab', { site })}
      </p>
    );
  }
  return (
    <div className="rules-test" role="status" data-testid="rules-test-result">
      {pages.map((page, pi) => (
        <div key={`${page.url}-${pi}`} className="rules-test-page" data-testid="rules-test-page">
          <div className="sm-muted small rules-test-url">{t('rules.page', { url: page.url })}</div>
          <p data-testid="rules-test-state" data-state={page.state ?? ''}>
            {page.state ? (
              <>
                {t('rules.result')}
                <strong className="rules-test-value">
                  {stateLabel(
                    t,
                    page.code ? { state: page.state, code: page.code } : { state: page.state },
                    customCodes,
                  )}
                </strong>
              </>
            ) : (
              t('rules.noMatch')
            )}
          </p>
          <table className="rules-test-table">
            <thead>
              <tr>
                <th scope="col">{t('rules.colRule')}</th>
                <th scope="col">{t('rules.colMatches')}</th>
                <th scope="col">{t('rules.colText')}</th>
                <th scope="col">{t('rules.colSample')}</th>
              </tr>
            </thead>
            <tbody>
              {page.rules.map((r, i) => (
                <tr
                  key={i}
                  data-testid="rules-test-row"
                  data-matches={r.matches}
                  data-text-matched={r.textMatched}
                  className={r.textMatched ? 'hit' : undefined}
                >
                  <td>{i + 1}</td>
                  <td>{r.matches}</td>
                  <td>{r.matches > 0 ? (r.textMatched ? t('rules.yes') : t('rules.no')) : t('rules.noElement')}</td>
                  <td>
                    {r.error ? (
                      <span className="sm-error">{r.error}</span>
                    ) : r.sample !== null ? (
                      <span className="rules-sample">{r.sample}</span>
                    ) : (
                      t('rules.noElement')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {page.context !== null ? (
            <p className="small" data-testid="rules-test-context">
              {t('rules.context', { text: page.context })}
            </p>
          ) : null}
          <p className="sm-muted small">{t('rules.highlighted')}</p>
        </div>
      ))}
    </div>
  );
}
