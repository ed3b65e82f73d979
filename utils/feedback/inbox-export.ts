import type { Translate } from '../i18n';
import { loopFigures } from './aggregates';
import { CATEGORY_CATALOGUE, SEVERITY_CATALOGUE } from './categories';
import { toCsv } from './csv';
import {
  EXPORT_FORMAT,
  EXPORT_SCHEMA_VERSION,
  feedbackExportSchema,
  type ExportItem,
  type FeedbackExport,
} from './export-format';
import { AGENT_STATUS, INBOX_STATUS_LABELS, type InboxItem, type InboxShare } from './inbox-records';
import { withIntegrity } from './integrity';
import { shuffled, type RandomSource } from './random';
import {
  REPLIES_FORMAT,
  REPLIES_SCHEMA_VERSION,
  repliesFileName,
  repliesFileSchema,
  type LoopFigures,
  type RepliesFile,
} from './replies-format';
import { isoWeekAt } from './week';

/**
 * What leaves the inbox: the merged items (an export file another inbox can import, and a CSV
 * with the manager's statuses), and the published replies (a replies file, or the team pack's
 * reply fields). The replies carry reply keys, statuses, answers and loop figures, never an
 * item's text.
 */

function exportPart(i: InboxItem): ExportItem {
  const { status: _s, receivedAt: _r, statusAt: _a, statusDay: _d, answers: _n, ...rest } = i;
  return rest;
}

/**
 * The merged items and sections as one export file (same format as an agent's, so a department
 * inbox can import a team's), rows shuffled.
 */
export async function buildMergedExport(
  items: readonly InboxItem[],
  shares: readonly InboxShare[],
  ctx: { now: number; tzOffsetMinutes: number; random: RandomSource },
): Promise<{ doc: FeedbackExport; json: string; fileName: string }> {
  const week = isoWeekAt(ctx.now, ctx.tzOffsetMinutes);
  const doc = feedbackExportSchema.parse(
    await withIntegrity({
      format: EXPORT_FORMAT,
      schemaVersion: EXPORT_SCHEMA_VERSION,
      week,
      items: shuffled(items.map(exportPart), ctx.random),
      kbGaps: shuffled(
        shares.flatMap((s) =>
          s.kind === 'kbGaps' ? [{ id: s.id, week: s.week, misses: s.misses, withheld: s.withheld }] : [],
        ),
        ctx.random,
      ),
      mood: shuffled(
        shares.flatMap((s) => (s.kind === 'mood' ? [{ id: s.id, week: s.week, counts: s.counts }] : [])),
        ctx.random,
      ),
    }),
  );
  return { doc, json: JSON.stringify(doc, null, 2) + '\n', fileName: `seatmate-feedback-merged-${week}.json` };
}

/** CSV columns of the merged view. */
export const MERGED_CSV_COLUMNS = [
  'id',
  'week',
  'category',
  'severity',
  'text',
  'articleTitle',
  'signedBy',
  'status',
  'answeredOn',
  'answer',
] as const;

/** The merged items as CSV (newest week first), with status and the latest answer. */
export function mergedCsv(items: readonly InboxItem[], t: Translate): string {
  const header = MERGED_CSV_COLUMNS.map((c) => t(`feedback.csv.${c}`));
  const sorted = [...items].sort((a, b) => (a.week < b.week ? 1 : a.week > b.week ? -1 : a.id < b.id ? -1 : 1));
  const rows = sorted.map((i) => {
    const last = i.answers[i.answers.length - 1];
    return [
      i.id,
      i.week,
      t(CATEGORY_CATALOGUE[i.category].label),
      i.severity ? t(SEVERITY_CATALOGUE[i.severity].label) : '',
      i.text,
      i.article?.title ?? '',
      i.signedBy ?? '',
      t(INBOX_STATUS_LABELS[i.status]),
      i.answers[0]?.day ?? '',
      last?.body ?? '',
    ];
  });
  return toCsv([header, ...rows]);
}

/** Statuses and answers of every item, as published (agents' statuses, sorted by reply key). */
function published(items: readonly InboxItem[]) {
  const byKey = [...items].sort((a, b) => (a.replyKey < b.replyKey ? -1 : 1));
  return {
    statuses: byKey.map((i) => ({ replyKey: i.replyKey, status: AGENT_STATUS[i.status], day: i.statusDay })),
    replies: byKey.flatMap((i) => i.answers.map((a) => ({ id: a.id, replyKey: i.replyKey, body: a.body, day: a.day }))),
  };
}

/** The replies file for agents (statuses, answers, loop figures), validated before it is returned. */
export async function buildRepliesFile(
  items: readonly InboxItem[],
  ctx: { today: string; publisher?: string },
): Promise<{ doc: RepliesFile; json: string; fileName: string }> {
  const body = {
    format: REPLIES_FORMAT,
    schemaVersion: REPLIES_SCHEMA_VERSION,
    publishedOn: ctx.today,
    ...(ctx.publisher?.trim() ? { publisher: ctx.publisher.trim() } : {}),
    loop: loopFigures(items),
    ...published(items),
  };
  const doc = repliesFileSchema.parse(await withIntegrity(body));
  return { doc, json: JSON.stringify(doc, null, 2) + '\n', fileName: repliesFileName(ctx.today) };
}

/** The team pack's reply fields (`replies`, `replyStatuses`, `feedbackLoop`) for the same content. */
export function packReplyFields(items: readonly InboxItem[]): {
  replies: Array<{ id: string; replyToken: string; body: string; day: string }>;
  replyStatuses: Array<{ replyToken: string; status: (typeof AGENT_STATUS)[keyof typeof AGENT_STATUS]; day: string }>;
  feedbackLoop: LoopFigures;
} {
  const p = published(items);
  return {
    replies: p.replies.map((r) => ({ id: r.id, replyToken: r.replyKey, body: r.body, day: r.day })),
    replyStatuses: p.statuses.map((s) => ({ replyToken: s.replyKey, status: s.status, day: s.day })),
    feedbackLoop: loopFigures(items),
  };
}
