import { parseDocument, stringify } from 'yaml';
import type { ArticleInput } from '../article';
import { joinBody, splitBody } from '../article-reply';
import {
  ARTICLE_FIELDS,
  derivedArticleId,
  idFromFileName,
  normaliseDate,
  normaliseKind,
  normaliseLang,
  validateDraft,
} from './fields';
import type { ItemProblem, ParsedItem } from './types';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Most YAML aliases (`*name`) expanded in one front matter: more is an alias bomb, not an article. */
const MAX_YAML_ALIASES = 50;

/** A front-matter value as text: strings, numbers and booleans; anything else (a map, a list) is not text. */
/** Fields a Markdown file carries in its text, not its front matter. */
const IN_BODY = new Set(['body', 'replies', 'notes']);
const FRONT_MATTER_KEYS = ARTICLE_FIELDS.filter((f) => !IN_BODY.has(f));

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

/**
 * Reads one Markdown article: YAML front matter between `---` lines (id, lang, kind, title,
 * category, tags, keywords, steps, placeholders, reviewBy, verifiedOn), then the body. With no
 * `title` the first `# heading` is used; with no `id` the file name (when it is a valid id), else a
 * stable id from language and title. The item is named by its file path. Never throws: YAML the
 * parser gives up on (an alias bomb, nesting too deep) and values of the wrong shape
 * (`title: {toString: 1}`) become this file's problems.
 */
export function parseKbMarkdown(path: string, text: string): ParsedItem {
  try {
    return readMarkdown(path, text);
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
    return {
      where: path,
      article: null,
      problems: [
        { field: 'front matter', code: 'yaml', params: { line: '?', detail }, message: `unreadable: ${detail}` },
      ],
    };
  }
}

function readMarkdown(path: string, text: string): ParsedItem {
  const src = text.replace(/^\uFEFF/, '');
  const problems: ItemProblem[] = [];
  let meta: Record<string, unknown> = {};
  let body = src;
  const m = FRONT_MATTER.exec(src);
  if (m) {
    body = src.slice(m[0].length);
    const doc = parseDocument(m[1]!, { prettyErrors: true, uniqueKeys: true });
    if (doc.errors.length) {
      const e = doc.errors[0]!;
      const line = e.linePos?.[0].line;
      const detail = e.message.split('\n')[0]!;
      problems.push({
        field: 'front matter',
        code: 'yaml',
        params: { line: line ?? '?', detail },
        message: `invalid YAML${line ? ` on front-matter line ${line}` : ''}: ${e.message.split('\n')[0]}`,
      });
    } else {
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
      } catch (err) {
        const detail = err instanceof Error ? err.message.split('\n')[0]! : String(err);
        const problem = { field: 'front matter', code: 'yaml', params: { line: '?', detail } };
        return { where: path, article: null, problems: [{ ...problem, message: `invalid YAML: ${detail}` }] };
      }
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        meta = value as Record<string, unknown>;
      } else if (value !== null && value !== undefined) {
        problems.push({
          field: 'front matter',
          code: 'front-matter-shape',
          message: 'must be a list of `key: value` lines',
        });
      }
    }
  } else if (/^---[ \t]*\r?\n/.test(src)) {
    problems.push({
      field: 'front matter',
      code: 'front-matter-unclosed',
      message: 'starts with `---` but has no closing `---` line',
    });
  }
  for (const key of Object.keys(meta)) {
    if (IN_BODY.has(key) || !(ARTICLE_FIELDS as readonly string[]).includes(key)) {
      problems.push({
        field: key,
        code: 'unknown-field',
        params: { expected: FRONT_MATTER_KEYS.join(', ') },
        message: `unknown front-matter key; expected ${FRONT_MATTER_KEYS.join(', ')}`,
      });
    }
  }
  const title = meta.title ?? /^#[ \t]+(.+)$/m.exec(body)?.[1]?.trim();
  const lang =
    typeof meta.lang === 'string' || meta.lang === undefined ? normaliseLang(str(meta.lang), str(title)) : meta.lang;
  const content = body.replace(/^\s*\n/, '');
  // `## Reply` / `## Notes` sections (utils/kb/article-reply.ts) split the text; without a reply
  // heading the whole text is the body of an article that inserts whole, as before.
  const split = splitBody(content);
  const draft: Record<string, unknown> = split
    ? { ...meta, title, lang, body: '', replies: split.replies, notes: split.notes }
    : { ...meta, title, lang, body: content };
  if (meta.id === undefined) draft.id = idFromFileName(path) ?? derivedArticleId(str(lang), str(title));
  else if (typeof meta.id === 'number') draft.id = String(meta.id);
  if (typeof meta.kind === 'string') draft.kind = normaliseKind(meta.kind);
  for (const f of ['reviewBy', 'verifiedOn'] as const) {
    const v = meta[f];
    if (typeof v === 'string') draft[f] = normaliseDate(v);
    else if (v instanceof Date) draft[f] = v.toISOString().slice(0, 10);
  }
  for (const f of ['tags', 'keywords'] as const) {
    if (typeof meta[f] === 'string')
      draft[f] = (meta[f] as string)
        .split(/[,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean);
  }
  return validateDraft(path, draft, problems);
}

/** Writes one article as Markdown with YAML front matter (empty fields are left out). */
export function formatKbMarkdown(a: ArticleInput): string {
  const meta: Record<string, unknown> = { id: a.id, lang: a.lang, kind: a.kind, title: a.title };
  if (a.category) meta.category = a.category;
  if (a.tags.length) meta.tags = a.tags;
  if (a.keywords.length) meta.keywords = a.keywords;
  if (a.steps.length) meta.steps = a.steps;
  if (a.placeholders.length) meta.placeholders = a.placeholders;
  if (a.reviewBy) meta.reviewBy = a.reviewBy;
  if (a.verifiedOn) meta.verifiedOn = a.verifiedOn;
  if (a.trigger) meta.trigger = a.trigger;
  const text =
    a.replies.length > 0
      ? joinBody({ replies: a.replies, notes: [a.notes, a.body].filter(Boolean).join('\n\n') }, a.lang)
      : [a.body, a.notes].filter(Boolean).join('\n\n');
  return `---\n${stringify(meta, { lineWidth: 0 })}---\n\n${text}\n`;
}
