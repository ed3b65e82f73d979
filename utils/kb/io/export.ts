import { articleContent, articleIdSchema, type Article, type ArticleInput } from '../article';
import { formatKbCsv } from './csv';
import { formatKbJson } from './json';
import { formatKbMarkdown } from './markdown';
import type { KbFormat } from './types';
import { zipTextFiles } from './zip';

/** A file ready to download. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

/**
 * The authored content of stored articles for export. Pack articles carry their authored ids
 * (`refund` rather than `team-a/refund`); if that id is already taken by another exported article,
 * the pack's id is prefixed (`team-a.refund`) so the file still imports without duplicates.
 * Agent's own and sample articles come first and keep their ids.
 */
export function articlesForExport(articles: readonly Article[]): ArticleInput[] {
  const ordered = [...articles].sort(
    (a, b) => Number(a.source === 'pack') - Number(b.source === 'pack') || a.id.localeCompare(b.id),
  );
  const used = new Set<string>();
  const out: ArticleInput[] = [];
  for (const a of ordered) {
    const content = articleContent(a);
    let id = content.id;
    if (used.has(id) && a.packId) {
      const prefixed = `${a.packId}.${id}`;
      if (articleIdSchema.safeParse(prefixed).success && !used.has(prefixed)) id = prefixed;
    }
    used.add(id);
    out.push({ ...content, id });
  }
  return out;
}

const encoder = new TextEncoder();

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}`;
}

/**
 * Exports articles in one of the import formats, so a round trip loses nothing: Seatmate JSON,
 * CSV (UTF-8 with BOM so Excel and WPS detect the encoding), or a zip of Markdown files with front
 * matter (`<id>.md`). `now` names the file (`seatmate-kb-20260331-0915.csv`).
 */
export function exportKb(articles: readonly Article[], format: KbFormat, now: Date): ExportFile {
  const inputs = articlesForExport(articles);
  const base = `seatmate-kb-${stamp(now)}`;
  switch (format) {
    case 'json':
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        bytes: encoder.encode(formatKbJson(inputs, now)),
      };
    case 'csv':
      return {
        fileName: `${base}.csv`,
        mimeType: 'text/csv;charset=utf-8',
        bytes: encoder.encode(`\uFEFF${formatKbCsv(inputs)}\r\n`),
      };
    case 'markdown':
      return {
        fileName: `${base}-markdown.zip`,
        mimeType: 'application/zip',
        bytes: zipTextFiles(inputs.map((a) => ({ path: `${a.id}.md`, text: formatKbMarkdown(a) }))),
      };
  }
}
