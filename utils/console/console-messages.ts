import type { MessageOf, ResponseOf } from '../messages';
import { isRecord, readPageRules } from './page-rule-guard';
import { MAX_PAGE_VALUES, type PageValueField } from './page-values-read';

/** Placeholder keys (the same rule as `placeholderKeySchema`). */
const PLACEHOLDER_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
/** Stored article ids (the same rule as `storedArticleIdSchema`). */
const STORED_ARTICLE_ID = /^([a-z0-9][a-z0-9-]{0,63}\/)?[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * The console content script's side of the message contract, without zod (the script runs on every
 * console page and must stay small). utils/messages.ts stays the single source of truth: the types
 * come from there, and test/unit/console-guards.test.ts checks these readers against its schemas on
 * valid and invalid samples.
 */

/** The messages the console content script acts on. */
export type ConsoleMessage = MessageOf<
  | 'console/close-overlay'
  | 'console/insert'
  | 'console/open-palette'
  | 'console/test-rules'
  | 'console/toast'
  | 'console/read-values'
>;

/** The messages the console content script sends to the background. */
export type ConsoleOutgoing =
  | 'overlay/register'
  | 'ledger/set'
  | 'frame/field'
  | 'frame/hotkey'
  | 'rules/disabled'
  | 'toast/register'
  | 'expand/lookup';

const isOptionalString = (v: unknown, min: number, max: number): v is string | undefined =>
  v === undefined || (typeof v === 'string' && v.length >= min && v.length <= max);

/** Reads a message for the content script; null for anything else (or anything malformed). */
export function parseConsoleMessage(raw: unknown): ConsoleMessage | null {
  if (!isRecord(raw)) return null;
  switch (raw.type) {
    case 'console/close-overlay':
      return typeof raw.restoreFocus === 'boolean' ? { type: raw.type, restoreFocus: raw.restoreFocus } : null;
    case 'console/insert': {
      const { text, html } = raw;
      if (typeof text !== 'string' || text.length < 1 || text.length > 50_000) return null;
      if (!isOptionalString(html, 0, 200_000)) return null;
      return html === undefined ? { type: raw.type, text } : { type: raw.type, text, html };
    }
    case 'console/open-palette': {
      const { query, toggle, articleId } = raw;
      if (!isOptionalString(query, 0, 200)) return null;
      if (toggle !== undefined && typeof toggle !== 'boolean') return null;
      if (articleId !== undefined && (typeof articleId !== 'string' || !STORED_ARTICLE_ID.test(articleId))) return null;
      const msg: MessageOf<'console/open-palette'> = { type: raw.type };
      if (query !== undefined) msg.query = query;
      if (toggle !== undefined) msg.toggle = toggle;
      if (articleId !== undefined) msg.articleId = articleId;
      return msg;
    }
    case 'console/test-rules': {
      const rules = readPageRules(raw.rules);
      const { contextSelector } = raw;
      if (!rules || !isOptionalString(contextSelector, 0, 300)) return null;
      return contextSelector === undefined ? { type: raw.type, rules } : { type: raw.type, rules, contextSelector };
    }
    case 'console/toast': {
      const { visible, height } = raw;
      if (typeof visible !== 'boolean' || typeof height !== 'number' || !Number.isInteger(height)) return null;
      return height >= 0 && height <= 800 ? { type: raw.type, visible, height } : null;
    }
    case 'console/read-values': {
      const { fields } = raw;
      if (!Array.isArray(fields) || fields.length > MAX_PAGE_VALUES) return null;
      const out: PageValueField[] = [];
      for (const f of fields as unknown[]) {
        if (!isRecord(f) || typeof f.key !== 'string' || !PLACEHOLDER_KEY.test(f.key)) return null;
        if (typeof f.selector !== 'string' || f.selector.length < 1 || f.selector.length > 300) return null;
        out.push({ key: f.key, selector: f.selector });
      }
      return { type: raw.type, fields: out };
    }
    default:
      return null;
  }
}

/** Checks a reply to a message the content script sent; throws when it does not fit (as `parseResponse`). */
export function parseConsoleResponse<T extends ConsoleOutgoing>(type: T, raw: unknown): ResponseOf<T> {
  if (type === 'expand/lookup') return readExpandResult(raw) as ResponseOf<T>;
  const key = type === 'ledger/set' ? 'recorded' : type === 'frame/hotkey' ? 'opened' : 'ok';
  if (!isRecord(raw) || typeof raw[key] !== 'boolean')
    throw new Error(`Unexpected reply to ${type}: ${key} is not a boolean`);
  return { [key]: raw[key] } as ResponseOf<T>;
}

/** Checks the answer to `expand/lookup` (as `expandResultSchema`); throws when it does not fit. */
function readExpandResult(raw: unknown): ResponseOf<'expand/lookup'> {
  const bad = () => new Error('Unexpected reply to expand/lookup');
  if (!isRecord(raw)) throw bad();
  if (raw.kind === 'none' || raw.kind === 'form') return { kind: raw.kind };
  if (raw.kind !== 'text') throw bad();
  const { text, html } = raw;
  if (typeof text !== 'string' || text.length < 1 || text.length > 50_000) throw bad();
  if (!isOptionalString(html, 0, 200_000)) throw bad();
  return html === undefined ? { kind: 'text', text } : { kind: 'text', text, html };
}
