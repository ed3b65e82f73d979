import { describe, expect, it } from 'vitest';
import { translator } from '@/utils/i18n';
import { CSV_BOM, csvCell, minutesCell, reportCsv, reportJson } from '@/utils/time/export';
import { buildReport, reportTable } from '@/utils/time/metrics';
import type { LedgerState, StateEvent } from '@/utils/time/states';
import { addDays, dayCount, isDay, presetRange, resolveRange } from '@/entrypoints/dashboard/range';

const MIN = 60_000;
const schedule = { breakMinutes: 30, lunchMinutes: 60 };
/** 2026-11-23 (a Monday) 00:00 UTC; rows are on a UTC clock. */
const DAY0 = Date.UTC(2026, 10, 23);

let nextId = 1;
function ev(day: number, hhmm: string, state: LedgerState, code?: string): StateEvent {
  const [h, m] = hhmm.split(':').map(Number);
  const e: StateEvent = {
    id: nextId++,
    at: DAY0 + day * 86_400_000 + (h! * 60 + m!) * MIN,
    state,
    source: 'manual',
    tz: 0,
  };
  if (code) e.code = code;
  return e;
}

// Day 1: available 09:00; call: talk 09:10–09:20, hold –09:25, talk –09:30, ACW –09:35; available –10:00;
// break 10:00–10:40 (over the 30 min allowance); training 10:40–11:00; offline.
// Day 2: available 09:00; call: talk 09:05–09:15, ACW –09:20; available –09:30; offline.
const rows = [
  ev(0, '09:00', 'available'),
  ev(0, '09:10', 'talk'),
  ev(0, '09:20', 'hold'),
  ev(0, '09:25', 'talk'),
  ev(0, '09:30', 'acw'),
  ev(0, '09:35', 'available'),
  ev(0, '10:00', 'break'),
  ev(0, '10:40', 'other', 'training'),
  ev(0, '11:00', 'offline'),
  ev(1, '09:00', 'available'),
  ev(1, '09:05', 'talk'),
  ev(1, '09:15', 'acw'),
  ev(1, '09:20', 'available'),
  ev(1, '09:30', 'offline'),
];
const report = buildReport(rows, { from: '2026-11-23', to: '2026-11-29' }, DAY0 + 10 * 86_400_000, schedule);
const en = translator('en');
const zh = translator('zh-CN');

/** Splits CSV text (no quoted newlines in these fixtures) into cells. */
function parse(csv: string): string[][] {
  return csv
    .replace(CSV_BOM, '')
    .split('\r\n')
    .filter((l) => l !== '')
    .map((l) => l.split(','));
}

describe('report CSV', () => {
  const csv = reportCsv(reportTable(report), en, (c) => (c === 'training' ? 'Training' : c));

  it('starts with the UTF-8 BOM and uses CRLF line ends only', () => {
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes one row per day and a total, in minutes with two decimals', () => {
    const table = parse(csv);
    const header = table[0]!;
    expect(table).toHaveLength(4);
    expect(table.map((r) => r[0])).toEqual(['Day', '2026-11-23', '2026-11-24', 'Total']);
    const col = (name: string) => header.indexOf(name);
    const day1 = table[1]!;
    expect(day1[col('Contacts')]).toBe('1');
    expect(day1[col('Talk (min)')]).toBe('15.00');
    expect(day1[col('Hold (min)')]).toBe('5.00');
    expect(day1[col('ACW (min)')]).toBe('5.00');
    expect(day1[col('Available (min)')]).toBe('35.00');
    expect(day1[col('Break (min)')]).toBe('40.00');
    expect(day1[col('Break allowed (min)')]).toBe('30.00');
    expect(day1[col('Other: Training (min)')]).toBe('20.00');
    expect(day1[col('AHT (min)')]).toBe('25.00');
    // 25 / (25 + 35) = 41.666…%
    expect(day1[col('Occupancy (%)')]).toBe('41.7');
    // 1 contact / 2 logged-in hours
    expect(day1[col('Contacts per hour')]).toBe('0.50');
    const total = table[3]!;
    expect(total[col('Contacts')]).toBe('2');
    expect(total[col('Shifts')]).toBe('2');
    // (25 + 15) / 2 contacts = 20 min; talk 25, hold 5, ACW 10.
    expect(total[col('AHT (min)')]).toBe('20.00');
    expect(total[col('Talk (min)')]).toBe('25.00');
    expect(total[col('Break allowed (min)')]).toBe('60.00');
    expect(total[col('Other: Training (min)')]).toBe('20.00');
    expect(total[col('Longest without a break (min)')]).toBe('60.00');
  });

  it('writes Chinese headers with a Chinese translator', () => {
    const table = parse(reportCsv(reportTable(report), zh));
    expect(table[0]![0]).toBe('日期');
    expect(table[0]).toContain('接待量');
    expect(table[0]).toContain('平均处理时长（分钟）');
    expect(table[3]![0]).toBe('合计');
  });

  it('leaves a figure without a denominator empty', () => {
    const empty = buildReport([], { from: '2026-11-23', to: '2026-11-23' }, DAY0, schedule);
    const table = parse(reportCsv(reportTable(empty), en));
    const header = table[0]!;
    expect(table).toHaveLength(2);
    expect(table[1]![header.indexOf('AHT (min)')]).toBe('');
    expect(table[1]![header.indexOf('Occupancy (%)')]).toBe('');
    expect(table[1]![header.indexOf('Contacts')]).toBe('0');
  });

  it('quotes cells with commas, quotes and line breaks, and defuses formulas', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell(12)).toBe('12');
    expect(minutesCell(90_000)).toBe('1.50');
    expect(minutesCell(null)).toBe('');
    const csv = reportCsv(reportTable(report), en, () => 'Team, "A"');
    expect(csv).toContain('"Other: Team, ""A"" (min)"');
  });
});

describe('report JSON', () => {
  it('carries the range and the same rows as the table', () => {
    const doc = JSON.parse(reportJson(report, DAY0 + 3 * 86_400_000)) as {
      format: string;
      version: number;
      exportedAt: string;
      range: { from: string; to: string };
      rows: { day: string; metrics: { contacts: number; ahtMs: number | null } }[];
    };
    expect(doc.format).toBe('seatmate-report');
    expect(doc.version).toBe(1);
    expect(doc.exportedAt).toBe('2026-11-26T00:00:00.000Z');
    expect(doc.range).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(doc.rows.map((r) => r.day)).toEqual(['2026-11-23', '2026-11-24', 'total']);
    expect(doc.rows[2]!.metrics.ahtMs).toBe(20 * MIN);
  });
});

describe('dashboard ranges', () => {
  it('knows the week (Monday to Sunday), last 7 days and the month', () => {
    expect(presetRange('today', '2026-11-25')).toEqual({ from: '2026-11-25', to: '2026-11-25' });
    expect(presetRange('week', '2026-11-25')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('week', '2026-11-23')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(presetRange('last7', '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(presetRange('month', '2028-02-10')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(presetRange('month', '2026-12-31')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
  });

  it('checks custom ranges', () => {
    expect(resolveRange({ preset: 'custom', from: '2026-11-01', to: '2026-11-30' }, '2026-11-25')).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(resolveRange({ preset: 'custom', from: '2026-11-30', to: '2026-11-01' }, '2026-11-25')).toEqual({
      error: 'order',
    });
    expect(resolveRange({ preset: 'custom', from: '', to: '2026-11-01' }, '2026-11-25')).toEqual({ error: 'invalid' });
    expect(isDay('2026-02-30')).toBe(false);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(dayCount({ from: '2026-01-01', to: '2026-12-31' })).toBe(365);
  });
});
