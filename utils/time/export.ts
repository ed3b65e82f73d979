import type { Translate } from '../i18n';
import { reportTable, type LedgerReport, type Metrics } from './metrics';
import { CSV_STATES, STATE_CATALOGUE } from './state-catalogue';

/**
 * The agent's report table as files: CSV that Excel and WPS open correctly (UTF-8 with a byte
 * order mark, CRLF line ends, one row per day and a total row), and JSON. Pure: the translator
 * and the clock are passed in, so the same code writes Chinese or English headers.
 */

/** One row of the report table (`day` is `YYYY-MM-DD`, or `total`). */
export interface ReportRow {
  day: string;
  metrics: Metrics;
}

/** The byte order mark Excel and WPS look for to read a CSV file as UTF-8. */
export const CSV_BOM = '\uFEFF';

const MIN = 60_000;

/** Minutes with two decimals (`12.50`), or an empty cell for a missing figure. */
export function minutesCell(ms: number | null): string {
  return ms === null ? '' : (ms / MIN).toFixed(2);
}

/** Quotes a CSV cell when needed; text that a spreadsheet would run as a formula gets a leading `'`. */
export function csvCell(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** `other` codes used anywhere in the rows, in a stable order. */
function codesOf(rows: readonly ReportRow[]): string[] {
  const set = new Set<string>();
  for (const r of rows) for (const code of Object.keys(r.metrics.otherByCode)) set.add(code);
  return [...set].sort();
}

/**
 * The report table as CSV text (BOM, header row, one row per day, the total row last, CRLF).
 * Durations are minutes with two decimals; occupancy is a percentage with one decimal; a figure
 * without a denominator (no contacts, no logged-in time) is an empty cell. `codeLabel` names the
 * agent's `other` codes (one column each, after the `other` total).
 */
export function reportCsv(
  rows: readonly ReportRow[],
  t: Translate,
  codeLabel: (code: string) => string = (c) => c,
): string {
  const codes = codesOf(rows);
  type Column = { header: string; cell: (m: Metrics) => string | number };
  // One column per state with a total (from the state catalogue), each followed by what belongs to
  // it: a break or lunch by its allowance, `other` by one column per code.
  const stateColumns = CSV_STATES.flatMap((state): Column[] => {
    const { csvColumn, total } = STATE_CATALOGUE[state];
    if (!csvColumn || !total) return [];
    const own: Column = { header: t(`dashboard.csv.${csvColumn}`), cell: (m) => minutesCell(m[total]) };
    if (state === 'break')
      return [own, { header: t('dashboard.csv.breakAllowanceMin'), cell: (m) => minutesCell(m.breakAllowanceMs) }];
    if (state === 'lunch')
      return [own, { header: t('dashboard.csv.lunchAllowanceMin'), cell: (m) => minutesCell(m.lunchAllowanceMs) }];
    if (state === 'other')
      return [
        own,
        ...codes.map((code) => ({
          header: t('dashboard.csv.otherCodeMin', { code: codeLabel(code) }),
          cell: (m: Metrics) => minutesCell(m.otherByCode[code] ?? 0),
        })),
      ];
    return [own];
  });
  const columns: Column[] = [
    { header: t('dashboard.csv.shifts'), cell: (m) => m.shifts },
    { header: t('dashboard.csv.contacts'), cell: (m) => m.contacts },
    { header: t('dashboard.csv.loggedInMin'), cell: (m) => minutesCell(m.loggedInMs) },
    ...stateColumns,
    { header: t('dashboard.csv.avgTalkMin'), cell: (m) => minutesCell(m.avgTalkMs) },
    { header: t('dashboard.csv.avgHoldMin'), cell: (m) => minutesCell(m.avgHoldMs) },
    { header: t('dashboard.csv.avgAcwMin'), cell: (m) => minutesCell(m.avgAcwMs) },
    { header: t('dashboard.csv.ahtMin'), cell: (m) => minutesCell(m.ahtMs) },
    {
      header: t('dashboard.csv.occupancyPct'),
      cell: (m) => (m.occupancy === null ? '' : (m.occupancy * 100).toFixed(1)),
    },
    {
      header: t('dashboard.csv.contactsPerHour'),
      cell: (m) => (m.contactsPerHour === null ? '' : m.contactsPerHour.toFixed(2)),
    },
    { header: t('dashboard.csv.longestWithoutBreakMin'), cell: (m) => minutesCell(m.longestWithoutBreakMs) },
  ];
  const lines = [[t('dashboard.csv.day'), ...columns.map((c) => c.header)].map(csvCell).join(',')];
  for (const r of rows) {
    const day = r.day === 'total' ? t('dashboard.csv.total') : r.day;
    lines.push([csvCell(day), ...columns.map((c) => csvCell(c.cell(r.metrics)))].join(','));
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** The report table as a JSON document (durations in milliseconds, ratios as fractions). */
export interface ReportJson {
  format: 'seatmate-report';
  version: 1;
  exportedAt: string;
  range: { from: string; to: string };
  /** One entry per day in day order, then `total`. */
  rows: ReportRow[];
}

/** The report table as a JSON document, pretty-printed. */
export function reportJson(report: LedgerReport, now: number): string {
  const doc: ReportJson = {
    format: 'seatmate-report',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    range: { from: report.range.from, to: report.range.to },
    rows: reportTable(report),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
