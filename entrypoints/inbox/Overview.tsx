import { useId, useMemo, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { loopSentence } from '@/components/loopSentence';
import {
  categoryWeekTable,
  kbGapsByWeek,
  loopFigures,
  MIN_GROUP_FLOOR,
  moodByWeek,
  tableMargins,
} from '@/utils/feedback/aggregates';
import { CATEGORY_CATALOGUE, FEEDBACK_CATEGORIES } from '@/utils/feedback/categories';
import type { InboxItem, InboxShare } from '@/utils/feedback/inbox-records';
import { MOOD_LEVELS } from '@/utils/feedback/records';
import { CategoryChart } from './CategoryChart';
import { bucketLabel } from './stamp';

/**
 * The figures: the loop closing, items by category and week (a chart and the same table), mood
 * check-ins and KB gaps by week, all under the minimum group size `k`: a group under `k` is shown
 * as "fewer than k" and is added into no total.
 */
export function Overview({
  items,
  shares,
  k,
  onK,
}: {
  items: readonly InboxItem[];
  shares: readonly InboxShare[];
  k: number;
  onK: (k: number) => void;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const num = new Intl.NumberFormat(locale);
  // What is typed; the size changes once it is a whole number at or above the floor.
  const [typed, setTyped] = useState(String(k));
  const table = useMemo(() => categoryWeekTable(items, k), [items, k]);
  const margins = useMemo(() => tableMargins(table), [table]);
  const withheld = FEEDBACK_CATEGORIES.reduce((n, c) => n + margins.byCategory[c].withheldCells, 0);
  const mood = useMemo(() => moodByWeek(shares, k), [shares, k]);
  const gaps = useMemo(() => kbGapsByWeek(shares, { k, top: 20 }), [shares, k]);
  const loop = useMemo(() => loopFigures(items), [items]);
  const fewer = t('feedback.aggregates.fewerThan', { k: table.k });
  const cell = (v: number | null, key: number) =>
    v === null ? (
      <td key={key} className="inbox-withheld" data-withheld="true">
        {fewer}
      </td>
    ) : (
      <td key={key}>{num.format(v)}</td>
    );

  return (
    <div className="inbox-overview" data-testid="inbox-overview">
      <section className="fb-card" aria-labelledby={`${id}-loop`}>
        <h2 id={`${id}-loop`}>{t('feedback.inbox.loopTitle')}</h2>
        <p className="fb-loop" data-testid="inbox-loop">
          {loopSentence(t, locale, loop)}
        </p>
        <p className="sm-muted fb-hint">{t('feedback.inbox.loopHint')}</p>
      </section>
      <section className="fb-card" aria-labelledby={`${id}-table`}>
        <div className="fb-row fb-between">
          <h2 id={`${id}-table`}>{t('feedback.inbox.byCategoryTitle')}</h2>
          <label className="inbox-filter" htmlFor={`${id}-k`}>
            <span>{t('feedback.inbox.minGroupLabel')}</span>
            <input
              id={`${id}-k`}
              type="number"
              min={MIN_GROUP_FLOOR}
              max={50}
              step={1}
              value={typed}
              onChange={(e) => {
                setTyped(e.target.value);
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= MIN_GROUP_FLOOR) onK(n);
              }}
              onBlur={() => setTyped(String(k))}
              aria-describedby={`${id}-k-hint`}
              data-testid="inbox-min-group"
            />
          </label>
        </div>
        <p id={`${id}-k-hint`} className="sm-muted fb-hint">
          {t('feedback.inbox.minGroupHint', { k: table.k, floor: MIN_GROUP_FLOOR })}
        </p>
        {items.length === 0 ? (
          <p className="sm-muted">{t('feedback.inbox.empty')}</p>
        ) : (
          <>
            <CategoryChart table={table} />
            <div className="inbox-table-wrap">
              <table className="inbox-table" data-testid="inbox-aggregates">
                <caption className="sm-visually-hidden">{t('feedback.inbox.byCategoryTitle')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('feedback.csv.category')}</th>
                    {table.buckets.map((b) => (
                      <th scope="col" key={b.from}>
                        {bucketLabel(b)}
                      </th>
                    ))}
                    <th scope="col">{t('feedback.inbox.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {FEEDBACK_CATEGORIES.map((c) => (
                    <tr key={c} data-category={c}>
                      <th scope="row">
                        <span
                          className="inbox-swatch"
                          style={{ background: CATEGORY_CATALOGUE[c].color }}
                          aria-hidden="true"
                        />
                        {t(CATEGORY_CATALOGUE[c].label)}
                      </th>
                      {table.cells[c].map(cell)}
                      <td className="inbox-total">{num.format(margins.byCategory[c].shown)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('feedback.inbox.total')}</th>
                    {margins.byBucket.map((m, b) => (
                      <td key={b} className="inbox-total">
                        {num.format(m.shown)}
                      </td>
                    ))}
                    <td className="inbox-total">{num.format(margins.byBucket.reduce((n, m) => n + m.shown, 0))}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <p className={withheld > 0 ? 'inbox-note' : 'sm-muted fb-hint'} data-testid="inbox-withheld-note">
              {withheld > 0
                ? t('feedback.aggregates.withheld', { count: withheld, k: table.k })
                : t('feedback.inbox.noneWithheld', { k: table.k })}
            </p>
          </>
        )}
      </section>
      <section className="fb-card" aria-labelledby={`${id}-mood`}>
        <h2 id={`${id}-mood`}>{t('feedback.inbox.moodTitle')}</h2>
        {mood.weeks.length === 0 ? (
          <p className="sm-muted" data-testid="inbox-mood-empty">
            {t('feedback.inbox.moodEmpty')}
          </p>
        ) : (
          <div className="inbox-table-wrap">
            <table className="inbox-table" data-testid="inbox-mood">
              <thead>
                <tr>
                  <th scope="col">{t('feedback.csv.week')}</th>
                  <th scope="col">{t('feedback.inbox.contributors')}</th>
                  {MOOD_LEVELS.map((l) => (
                    <th scope="col" key={l}>
                      {t('feedback.inbox.moodLevel', { level: l })}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {mood.weeks.map((w) => (
                  <tr key={w.week}>
                    <th scope="row">{w.week}</th>
                    {w.counts === null ? (
                      <td className="inbox-withheld" colSpan={MOOD_LEVELS.length + 1}>
                        {t('feedback.inbox.moodWithheld', { k: table.k })}
                      </td>
                    ) : (
                      <>
                        <td>{num.format(w.contributions ?? 0)}</td>
                        {MOOD_LEVELS.map((l) => (
                          <td key={l}>{num.format(w.counts![l])}</td>
                        ))}
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="fb-card" aria-labelledby={`${id}-gaps`}>
        <h2 id={`${id}-gaps`}>{t('feedback.inbox.gapsTitle')}</h2>
        {gaps.releasedWeeks.length === 0 && gaps.withheldWeeks.length === 0 ? (
          <p className="sm-muted" data-testid="inbox-gaps-empty">
            {t('feedback.inbox.gapsEmpty')}
          </p>
        ) : (
          <>
            {gaps.misses.length > 0 ? (
              <ol className="inbox-gaps" data-testid="inbox-gaps">
                {gaps.misses.map((m) => (
                  <li key={m.query}>
                    <q>{m.query}</q> <span className="sm-muted">× {num.format(m.count)}</span>
                  </li>
                ))}
              </ol>
            ) : null}
            <p className="sm-muted fb-hint">
              {t('feedback.inbox.gapsWeeks', {
                released: gaps.releasedWeeks.length,
                withheld: gaps.withheldWeeks.length,
                k: table.k,
              })}
            </p>
          </>
        )}
      </section>
    </div>
  );
}
