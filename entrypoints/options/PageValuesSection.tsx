import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { sitePageValuesSchema, type SitePageValues } from '@/utils/console/page-values';
import { MAX_PAGE_VALUES } from '@/utils/console/page-values-read';
import { loadSettings, saveSettings } from '@/utils/settings-store';

interface Row {
  key: string;
  selector: string;
}
/** A located problem: row (1-based) and field. */
type Problem = { row: number; field: 'key' | 'selector'; text: string };

/** True when `selector` parses as CSS here (the console page would refuse it otherwise). */
function parsesAsCss(selector: string): boolean {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/**
 * Placeholders filled from the page: per console site, which element of the console page shows
 * the value of a placeholder (`orderNumber` → `[data-field="order-number"]`). The palette's
 * placeholder form opens with those values, still editable. Bad rows are named (row, field) and
 * nothing is saved until all are right.
 */
export function PageValuesSection() {
  const { t, settings } = useI18n();
  if (!settings) return null;
  const sites = settings.settings.consoleSites;
  return (
    <section className="card" aria-labelledby="page-values-heading" data-testid="options-page-values">
      <h2 id="page-values-heading">{t('pageValues.heading')}</h2>
      <p className="sm-muted">{t('pageValues.help')}</p>
      {sites.length === 0 ? <p className="sm-muted">{t('pageValues.noSites')}</p> : null}
      {sites.map((site) => (
        <SiteValues key={site} site={site} saved={settings.settings.pageValues.find((p) => p.site === site) ?? null} />
      ))}
    </section>
  );
}

function SiteValues({ site, saved }: { site: string; saved: SitePageValues | null }) {
  const { t } = useI18n();
  const savedKey = JSON.stringify(saved);
  const [rows, setRows] = useState<Row[]>(() => saved?.fields.map((f) => ({ ...f })) ?? []);
  const [shown, setShown] = useState(savedKey);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  if (savedKey !== shown && !dirty) {
    setShown(savedKey);
    setRows(saved?.fields.map((f) => ({ ...f })) ?? []);
  }
  const idBase = `pv-${site.replace(/[^a-z0-9]+/gi, '-')}`;

  const edit = (next: Row[]) => {
    setRows(next);
    setDirty(true);
    setNotice(null);
  };

  async function save() {
    const found: Problem[] = [];
    const parsed = sitePageValuesSchema.safeParse({ site, fields: rows });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const [, index, field] = issue.path;
        if (typeof index === 'number' && (field === 'key' || field === 'selector')) {
          found.push({
            row: index + 1,
            field,
            text: t(field === 'key' ? 'pageValues.badKey' : 'pageValues.badSelector'),
          });
        } else found.push({ row: 0, field: 'key', text: t('pageValues.tooMany', { max: MAX_PAGE_VALUES }) });
      }
    }
    rows.forEach((r, i) => {
      if (
        r.selector.trim() &&
        !parsesAsCss(r.selector.trim()) &&
        !found.some((p) => p.row === i + 1 && p.field === 'selector')
      )
        found.push({ row: i + 1, field: 'selector', text: t('pageValues.notCss') });
    });
    setProblems(found);
    if (found.length > 0 || !parsed.success) return;
    const others = (await loadSettings()).pageValues.filter((p) => p.site !== site);
    await saveSettings({ pageValues: parsed.data.fields.length > 0 ? [...others, parsed.data] : others });
    setDirty(false);
    setNotice(t('pageValues.saved'));
  }

  const problemOf = (row: number, field: 'key' | 'selector') =>
    problems.find((p) => p.row === row && p.field === field);
  return (
    <div className="page-values-site" data-testid="options-page-values-site" data-site={site}>
      <h3>{t('pageValues.siteHeading', { site })}</h3>
      {rows.length === 0 ? <p className="sm-muted">{t('pageValues.empty')}</p> : null}
      <ol className="page-values-rows">
        {rows.map((r, i) => {
          const keyProblem = problemOf(i + 1, 'key');
          const selProblem = problemOf(i + 1, 'selector');
          return (
            <li key={i} data-testid="options-page-value-row">
              <label htmlFor={`${idBase}-${i}-key`}>{t('pageValues.key')}</label>
              <input
                id={`${idBase}-${i}-key`}
                value={r.key}
                placeholder="orderNumber"
                aria-invalid={keyProblem ? true : undefined}
                data-testid="options-page-value-key"
                onChange={(e) => edit(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
              />
              <label htmlFor={`${idBase}-${i}-selector`}>{t('pageValues.selector')}</label>
              <input
                id={`${idBase}-${i}-selector`}
                value={r.selector}
                placeholder='[data-field="order-number"]'
                aria-invalid={selProblem ? true : undefined}
                data-testid="options-page-value-selector"
                onChange={(e) => edit(rows.map((x, j) => (j === i ? { ...x, selector: e.target.value } : x)))}
              />
              <button
                type="button"
                data-testid="options-page-value-remove"
                aria-label={t('pageValues.removeLabel', { n: i + 1 })}
                onClick={() => edit(rows.filter((_, j) => j !== i))}
              >
                {t('pageValues.remove')}
              </button>
            </li>
          );
        })}
      </ol>
      {problems.length > 0 ? (
        <ul className="sm-error" role="alert" data-testid="options-page-values-errors">
          {problems.map((p) => (
            <li key={`${p.row}:${p.field}`}>
              {p.row > 0
                ? t('pageValues.located', {
                    n: p.row,
                    field: t(p.field === 'key' ? 'pageValues.key' : 'pageValues.selector'),
                    problem: p.text,
                  })
                : p.text}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row">
        <button
          type="button"
          disabled={rows.length >= MAX_PAGE_VALUES}
          data-testid="options-page-value-add"
          onClick={() => edit([...rows, { key: '', selector: '' }])}
        >
          {t('pageValues.add')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!dirty}
          data-testid="options-page-values-save"
          onClick={() => void save()}
        >
          {t('pageValues.save')}
        </button>
        {notice ? (
          <span className="sm-muted" role="status">
            {notice}
          </span>
        ) : null}
      </div>
    </div>
  );
}
