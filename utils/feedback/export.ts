import type { Translate } from '../i18n';
import { buildKbGapReport, type SearchMiss } from '../kb/usage';
import { CATEGORY_CATALOGUE, SEVERITY_CATALOGUE } from './categories';
import { toCsv } from './csv';
import {
  EXPORT_FORMAT,
  EXPORT_SCHEMA_VERSION,
  feedbackExportSchema,
  type ExportItem,
  type FeedbackExport,
  type KbGapShare,
  type MoodShare,
} from './export-format';
import { withIntegrity } from './integrity';
import { randomUuid, shuffled, type RandomSource } from './random';
import {
  MOOD_LEVELS,
  shareKey,
  weeklyMoodSchema,
  type OutboxItem,
  type ShareIdRecord,
  type WeeklyMood,
} from './records';
import { replyKeyOf } from './reply-key';
import { isoWeekAt } from './week';

/**
 * The anonymous export, built from the agent's outbox. What each row carries is listed in
 * {@link exportItemOf}, field by field: a random item id, the reply key, category, text,
 * severity, the ISO week it was written, a team/sample article reference, and the name only when
 * the agent signed. No agent, install or browser identifier, no time finer than a week, nothing
 * derived from any of these. Rows are shuffled with the randomness passed in, so their order says
 * nothing about when they were written.
 */

/** What goes into one export. */
export interface ExportInput {
  /** The items to export (ready ones; exported ones may be exported again). */
  items: readonly OutboxItem[];
  /** The agent ticked the KB gap report: their search misses (one report per week is built). */
  kbMisses?: readonly SearchMiss[];
  /** The agent ticked weekly mood counts (from the wellbeing feature). */
  mood?: readonly WeeklyMood[];
  /** Share ids this browser already used, by {@link shareKey}. */
  shareIds: ReadonlyMap<string, string>;
  now: number;
  tzOffsetMinutes: number;
  random: RandomSource;
}

/** A built export: the document, its files, and what the store must remember. */
export interface BuiltExport {
  doc: FeedbackExport;
  /** The JSON file (pretty-printed). */
  json: string;
  /** `seatmate-feedback-<week>.json` (the week is the finest date in it). */
  fileName: string;
  /** Share ids used for the first time (the store keeps them for the next export). */
  newShareIds: ShareIdRecord[];
  /** Ids of the outbox items exported (to mark them exported). */
  itemIds: string[];
}

/** The exported row of one item: exactly these fields, and `signedBy` only when signed. */
export async function exportItemOf(item: OutboxItem): Promise<ExportItem> {
  const row: ExportItem = {
    id: item.id,
    replyKey: await replyKeyOf(item.secret),
    category: item.category,
    text: item.text.trim(),
    severity: item.severity,
    week: item.week,
    article: item.article,
  };
  if (item.signedAs !== null) row.signedBy = item.signedAs;
  return row;
}

function shareIdFor(
  kind: 'mood' | 'kbGaps',
  week: string,
  known: ReadonlyMap<string, string>,
  fresh: ShareIdRecord[],
  random: RandomSource,
): string {
  const key = shareKey(kind, week);
  const existing = known.get(key) ?? fresh.find((r) => r.key === key)?.id;
  if (existing) return existing;
  const id = randomUuid(random);
  fresh.push({ key, id });
  return id;
}

/** One KB gap section per week that has something to report. */
function kbGapShares(misses: readonly SearchMiss[], input: ExportInput, fresh: ShareIdRecord[]): KbGapShare[] {
  const byWeek = new Map<string, SearchMiss[]>();
  for (const m of misses) byWeek.set(m.week, [...(byWeek.get(m.week) ?? []), m]);
  const out: KbGapShare[] = [];
  for (const week of [...byWeek.keys()].sort()) {
    const report = buildKbGapReport(byWeek.get(week)!, { top: 200 });
    if (report.misses.length === 0 && report.withheld === 0) continue;
    out.push({
      id: shareIdFor('kbGaps', week, input.shareIds, fresh, input.random),
      week,
      misses: report.misses,
      withheld: report.withheld,
    });
  }
  return out;
}

function moodShares(mood: readonly WeeklyMood[], input: ExportInput, fresh: ShareIdRecord[]): MoodShare[] {
  const out: MoodShare[] = [];
  for (const raw of [...mood].sort((a, b) => (a.week < b.week ? -1 : 1))) {
    const m = weeklyMoodSchema.parse(raw);
    if (MOOD_LEVELS.every((l) => m.counts[l] === 0)) continue;
    out.push({ id: shareIdFor('mood', m.week, input.shareIds, fresh, input.random), week: m.week, counts: m.counts });
  }
  return out;
}

/** The export file name for a week: `seatmate-feedback-2026-W09.json` (or `.csv`). */
export function exportFileName(week: string, ext: 'json' | 'csv'): string {
  return `seatmate-feedback-${week}.${ext}`;
}

/**
 * Builds the anonymous export of `input.items` (each must be ready or already exported) with the
 * optional sections. Validated against the export schema before it is returned, so a file that
 * the inbox would refuse is never written.
 */
export async function buildFeedbackExport(input: ExportInput): Promise<BuiltExport> {
  const bad = input.items.find((i) => i.status !== 'ready' && i.status !== 'exported');
  if (bad) throw new Error(`item ${bad.id} is ${bad.status}: only ready items are exported`);
  const week = isoWeekAt(input.now, input.tzOffsetMinutes);
  const fresh: ShareIdRecord[] = [];
  const rows = await Promise.all(input.items.map(exportItemOf));
  const kbGaps = input.kbMisses ? kbGapShares(input.kbMisses, input, fresh) : [];
  const mood = input.mood ? moodShares(input.mood, input, fresh) : [];
  const body = {
    format: EXPORT_FORMAT,
    schemaVersion: EXPORT_SCHEMA_VERSION,
    week,
    items: shuffled(rows, input.random),
    kbGaps: shuffled(kbGaps, input.random),
    mood: shuffled(mood, input.random),
  };
  const doc = feedbackExportSchema.parse(await withIntegrity(body));
  return {
    doc,
    json: JSON.stringify(doc, null, 2) + '\n',
    fileName: exportFileName(week, 'json'),
    newShareIds: fresh,
    itemIds: input.items.map((i) => i.id),
  };
}

/** CSV columns of the export view, in order. */
export const EXPORT_CSV_COLUMNS = [
  'id',
  'replyKey',
  'week',
  'category',
  'severity',
  'text',
  'articleId',
  'articleTitle',
  'signedBy',
] as const;

/**
 * The CSV view of an export's items (in the file's shuffled order), headers and labels in the
 * translator's language. Signed rows carry the name; anonymous rows an empty cell.
 */
export function exportCsv(items: readonly ExportItem[], t: Translate): string {
  const header = EXPORT_CSV_COLUMNS.map((c) => t(`feedback.csv.${c}`));
  const rows = items.map((i) => [
    i.id,
    i.replyKey,
    i.week,
    t(CATEGORY_CATALOGUE[i.category].label),
    i.severity ? t(SEVERITY_CATALOGUE[i.severity].label) : '',
    i.text,
    i.article?.id ?? '',
    i.article?.title ?? '',
    i.signedBy ?? '',
  ]);
  return toCsv([header, ...rows]);
}
