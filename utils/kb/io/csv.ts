import Papa from 'papaparse';
import type { ArticleInput } from '../article';
import {
  ARTICLE_FIELDS,
  derivedArticleId,
  formatListCell,
  normaliseDate,
  normaliseKind,
  normaliseLang,
  parseListCell,
  validateDraft,
  type ArticleField,
} from './fields';
import { defuseCell, restoreCell } from './csv-cells';
import { createTicker, ImportFileError, type ItemProblem, type ParsedItem, type ProgressFn } from './types';

/**
 * Header names accepted for each column (compared case-insensitively, spaces and `_` ignored).
 * Export writes the first (English) name.
 */
export const CSV_COLUMN_ALIASES: Record<ArticleField, readonly string[]> = {
  id: ['id', '编号', '文章编号'],
  lang: ['lang', 'language', '语言'],
  kind: ['kind', 'type', '类型', '种类'],
  title: ['title', '标题'],
  body: ['body', 'content', '正文', '内容'],
  replies: ['reply', 'replies', '回复', '答复', '客户回复'],
  notes: ['notes', 'note', '备注', '内部说明', '坐席须知'],
  trigger: ['trigger', '快捷短语', '触发词'],
  category: ['category', '分类', '类别'],
  tags: ['tags', '标签'],
  keywords: ['keywords', '关键词', '关键字'],
  steps: ['steps', '步骤'],
  placeholders: ['placeholders', '占位符', '变量'],
  reviewBy: ['reviewBy', '复核日期', '复核截止'],
  verifiedOn: ['verifiedOn', '核实日期', '确认日期'],
};

/** Columns a CSV must have (and one of body or a reply column). Every other column may be left out. */
export const CSV_REQUIRED_COLUMNS: readonly ArticleField[] = ['title'];

/** One column of the file: the field it fills, and for a `reply:<label>` column its variant's label. */
interface Column {
  field: ArticleField;
  label: string;
}

/** `reply: Chat` / `回复：短信` (a labelled reply variant): the label, else null. */
function replyColumnLabel(name: string): string | null {
  const m = /^\s*([^:：]+)[:：](.*)$/.exec(name.replace(/^\uFEFF/, ''));
  if (!m || HEADER_LOOKUP.get(squash(m[1]!)) !== 'replies') return null;
  const label = m[2]!.trim();
  return label ? label.slice(0, 40) : null;
}

const squash = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .replace(/[\s_]/g, '')
    .toLowerCase();

const HEADER_LOOKUP = new Map<string, ArticleField>(
  ARTICLE_FIELDS.flatMap((field) => CSV_COLUMN_ALIASES[field].map((alias) => [squash(alias), field] as const)),
);

/**
 * Maps a header row to columns; refuses unknown, duplicate or missing required columns, naming
 * them. Reply variants are columns of their own: `reply` (no label) and `reply:<label>`, in the
 * order the file gives them.
 */
function readHeader(header: string[]): Column[] {
  const columns: Column[] = [];
  const unknown: string[] = [];
  const duplicate: string[] = [];
  for (const name of header) {
    const label = replyColumnLabel(name);
    const field = label !== null ? 'replies' : HEADER_LOOKUP.get(squash(name));
    if (!field) unknown.push(name.trim() || '(empty)');
    else if (columns.some((c) => c.field === field && c.label === (label ?? ''))) duplicate.push(name.trim());
    else columns.push({ field, label: label ?? '' });
  }
  const fields = columns.map((c) => c.field);
  const missing: string[] = CSV_REQUIRED_COLUMNS.filter((f) => !fields.includes(f));
  if (!fields.includes('body') && !fields.includes('replies')) missing.push('reply (or body)');
  const parts: string[] = [];
  if (unknown.length) parts.push(`unknown column(s): ${unknown.join(', ')}`);
  if (duplicate.length) parts.push(`repeated column(s): ${duplicate.join(', ')}`);
  if (missing.length) parts.push(`missing required column(s): ${missing.join(', ')}`);
  if (parts.length) {
    throw new ImportFileError(
      'columns',
      `The header row is wrong — ${parts.join('; ')}. Columns are: ${ARTICLE_FIELDS.join(', ')}, reply:<label> (title and a reply or body required).`,
      parts.join('; '),
    );
  }
  return columns;
}

interface RawRow {
  line: number;
  cells: string[];
  error?: string;
}

/** Splits CSV text into rows, remembering the line each row starts on (quoted cells may span lines). */
function splitRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  let prevCursor = 0;
  let newlines = 0;
  Papa.parse<string[]>(text, {
    header: false,
    skipEmptyLines: 'greedy',
    step: (result) => {
      const cursor = result.meta.cursor;
      // The row starts on the line after the last newline before its first character.
      const before = text.slice(prevCursor, cursor);
      const startOffset = before.search(/[^\r\n]/);
      const leading = startOffset < 0 ? before : before.slice(0, startOffset);
      newlines += countNewlines(leading);
      const line = newlines + 1;
      newlines += countNewlines(before.slice(leading.length));
      prevCursor = cursor;
      const err = result.errors[0];
      rows.push({ line, cells: result.data, ...(err ? { error: err.message } : {}) });
    },
  });
  return rows;
}

function countNewlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

function parseJsonCell(field: ArticleField, value: string, problems: ItemProblem[]): unknown {
  const v = value.trim();
  if (!v) return [];
  try {
    return JSON.parse(v);
  } catch {
    problems.push({ field, code: 'json-cell', message: 'must be a JSON array (see docs/import-formats.md), or empty' });
    return [];
  }
}

/**
 * One CSV row → a draft article (cells are text; lists, JSON and dates are read here). A cell
 * defused against formula injection on export (`'=…`) is read back as written (see ./csv-cells.ts).
 */
function rowToDraft(columns: Column[], cells: string[], problems: ItemProblem[]): Record<string, unknown> {
  const cell = (f: ArticleField): string | undefined => {
    const i = columns.findIndex((c) => c.field === f);
    return i < 0 ? undefined : restoreCell(cells[i] ?? '');
  };
  const title = cell('title') ?? '';
  const lang = normaliseLang(cell('lang') ?? '', title);
  const draft: Record<string, unknown> = { title, body: cell('body') ?? '', lang };
  // Each reply column with text is one variant, in column order; an empty cell is no variant.
  const replies = columns.flatMap((c, i) =>
    c.field === 'replies' && restoreCell(cells[i] ?? '').trim() !== ''
      ? [{ label: c.label, text: restoreCell(cells[i] ?? '') }]
      : [],
  );
  if (replies.length > 0) draft.replies = replies;
  const notes = cell('notes');
  if (notes !== undefined) draft.notes = notes;
  const trigger = cell('trigger')?.trim();
  if (trigger) draft.trigger = trigger;
  const id = cell('id')?.trim();
  draft.id = id || derivedArticleId(lang, title);
  const kind = normaliseKind(cell('kind') ?? '');
  if (kind) draft.kind = kind;
  const category = cell('category');
  if (category !== undefined) draft.category = category;
  for (const f of ['tags', 'keywords'] as const) {
    const v = cell(f);
    if (v !== undefined) draft[f] = parseListCell(v);
  }
  for (const f of ['steps', 'placeholders'] as const) {
    const v = cell(f);
    if (v !== undefined) draft[f] = parseJsonCell(f, v, problems);
  }
  for (const f of ['reviewBy', 'verifiedOn'] as const) {
    const v = cell(f);
    if (v !== undefined) draft[f] = normaliseDate(v);
  }
  return draft;
}

/**
 * Reads a CSV knowledge base: a header row (English names or Chinese aliases, see
 * {@link CSV_COLUMN_ALIASES}), then one article per row. Rows are named by the line they start on
 * (`line 7`). A row with no id gets a stable one from its language and title. Bad header → the
 * whole file is refused; a bad row is reported with its field.
 */
export async function parseKbCsv(text: string, onProgress?: ProgressFn): Promise<ParsedItem[]> {
  if (!text.trim()) throw new ImportFileError('empty', 'The file is empty.');
  const rows = splitRows(text.replace(/^\uFEFF/, ''));
  const [head, ...body] = rows;
  if (!head) throw new ImportFileError('empty', 'The file is empty.');
  const fields = readHeader(head.cells);
  if (body.length === 0) throw new ImportFileError('empty', 'The file has a header row but no articles.');
  const tick = createTicker(body.length, onProgress);
  const items: ParsedItem[] = [];
  for (let i = 0; i < body.length; i++) {
    const row = body[i]!;
    const where = `line ${row.line}`;
    const problems: ItemProblem[] = [];
    if (row.error)
      problems.push({ field: '(row)', code: 'csv-syntax', message: row.error, params: { detail: row.error } });
    if (row.cells.length !== fields.length) {
      problems.push({
        field: '(row)',
        code: 'cell-count',
        params: { cells: row.cells.length, columns: fields.length },
        message: `has ${row.cells.length} cells but the header has ${fields.length} columns (check quotes and separators)`,
      });
    }
    items.push(validateDraft(where, rowToDraft(fields, row.cells, problems), problems));
    await tick(i + 1);
  }
  return items;
}

/**
 * Writes articles as CSV (all columns, English header, CRLF line ends, no BOM — see `export.ts`).
 * Cells a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) get a leading `'`;
 * {@link parseKbCsv} takes it away again (see ./csv-cells.ts).
 */
export function formatKbCsv(articles: readonly ArticleInput[]): string {
  // One column per reply label in the whole file, in order of first use (`reply` for no label).
  const labels: string[] = [];
  for (const a of articles) for (const r of a.replies) if (!labels.includes(r.label)) labels.push(r.label);
  if (labels.length === 0) labels.push('');
  const replyCells = (a: ArticleInput) => {
    const row = labels.map(() => '');
    for (const r of a.replies) {
      const i = labels.indexOf(r.label);
      // Two variants with the same label: the second joins the first, a blank line apart.
      row[i] = row[i] ? `${row[i]}\n\n${r.text}` : r.text;
    }
    return row;
  };
  const data = articles.map((a) =>
    [
      a.id,
      a.lang,
      a.kind,
      a.title,
      a.body,
      ...replyCells(a),
      a.notes,
      a.trigger ?? '',
      a.category,
      formatListCell(a.tags),
      formatListCell(a.keywords),
      a.steps.length ? JSON.stringify(a.steps) : '',
      a.placeholders.length ? JSON.stringify(a.placeholders) : '',
      a.reviewBy ?? '',
      a.verifiedOn ?? '',
    ].map(defuseCell),
  );
  const header = ARTICLE_FIELDS.flatMap((f) =>
    f === 'replies' ? labels.map((l) => (l ? `reply:${l}` : 'reply')) : [CSV_COLUMN_ALIASES[f][0]!],
  );
  return Papa.unparse({ fields: header, data }, { newline: '\r\n' });
}
