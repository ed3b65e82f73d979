import type { ArticleInput, Placeholder } from './article';

/**
 * Placeholders: `{{key}}` markers in an article's body or script lines, filled by the agent
 * before inserting. Values are inserted verbatim into plain text; into HTML only escaped.
 * Date values are inserted as ISO days (`YYYY-MM-DD`), the one format read the same way in
 * Chinese and English.
 */

/** A `{{key}}` marker; spaces inside the braces are allowed (`{{ key }}`). */
const MARKER = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,31})\s*\}\}/g;

/** The keys used in `text`, each once, in order of first appearance. */
export function placeholderKeysIn(text: string): string[] {
  const keys: string[] = [];
  for (const m of text.matchAll(MARKER)) if (!keys.includes(m[1]!)) keys.push(m[1]!);
  return keys;
}

/**
 * Every text of an article that is inserted or read out and may carry markers: its replies, the
 * body (an older article's whole text), then each script line. Notes are never inserted.
 */
function articleTexts(a: Pick<ArticleInput, 'body' | 'steps'> & { replies?: readonly { text: string }[] }): string[] {
  return [...(a.replies ?? []).map((r) => r.text), a.body, ...a.steps.flatMap((s) => s.lines.map((l) => l.text))];
}

/**
 * The placeholders the agent is asked for before inserting `a`: every key used in the body or
 * the steps, in order of first appearance, with its declaration when the article has one,
 * otherwise a plain-text field labelled by `labelFor(key)` (e.g. how another article labels the
 * same key) or by the key itself. Declared keys the text never uses are not asked for.
 */
export function articlePlaceholders(
  a: Pick<ArticleInput, 'body' | 'steps' | 'placeholders'> & { replies?: readonly { text: string }[] },
  labelFor: (key: string) => string | undefined = () => undefined,
): Placeholder[] {
  const used = [...new Set(articleTexts(a).flatMap(placeholderKeysIn))];
  return used.map(
    (key) =>
      a.placeholders.find((p) => p.key === key) ?? { key, label: labelFor(key) ?? key, type: 'text', options: [] },
  );
}

/** Values by placeholder key. */
export type PlaceholderValues = Readonly<Record<string, string>>;

/**
 * `text` with every marker whose key has a value replaced by that value, verbatim. Markers
 * without a value stay as written, so nothing silently disappears.
 */
export function fillPlaceholders(text: string, values: PlaceholderValues): string {
  return text.replace(MARKER, (m, key: string) => (Object.hasOwn(values, key) ? values[key]! : m));
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Like {@link fillPlaceholders} for already rendered, sanitised HTML: each value is HTML-escaped
 * first, so whatever the agent typed (or a pack's default value) is text in the rich editor, never
 * markup; and inside a tag a value that is a script address (`javascript:…`) is not filled in.
 */
export function fillPlaceholdersHtml(html: string, values: PlaceholderValues): string {
  const fill = (m: string, key: string) => (Object.hasOwn(values, key) ? escapeHtml(values[key]!) : m);
  return htmlRuns(html)
    .map((run) =>
      run.text
        ? run.value.replace(MARKER, fill)
        : // Inside a tag (e.g. href="{{link}}"): a value that would make the address run script
          // (javascript:, vbscript:, data:) is not filled in; the marker stays visible instead.
          run.value.replace(MARKER, (m, key: string) =>
            Object.hasOwn(values, key) && isScriptUrl(values[key]!) ? m : fill(m, key),
          ),
    )
    .join('');
}

/**
 * Whether an address runs script (or carries a document) when followed: `javascript:`,
 * `vbscript:`, `data:`, read as browsers read them (spaces and control characters ignored).
 */
function isScriptUrl(value: string): boolean {
  const squeezed = [...value].filter((c) => c.charCodeAt(0) > 0x20).join('');
  return /^(javascript|vbscript|data):/i.test(squeezed);
}

/**
 * Whether a placeholder holds something about the customer on the line (name, order, phone, …).
 * Those values are never remembered past the insert: the next call is another customer.
 */
export function isPerCustomerKey(key: string): boolean {
  return /customer|client|order|phone|mobile|email|e-mail|account|address|card|ticket|case|订单|客户|电话|手机|邮箱|地址|账号|卡号/i.test(
    key,
  );
}

/** The values worth remembering for the shift: everything but per-customer ones. */
export function shiftMemorable(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !isPerCustomerKey(k)));
}

/**
 * The value each field starts with: what the agent entered earlier this shift, else (for
 * `agentName`) the name set in Options, else the declared default, else (for a choice) its first option, else empty. A remembered choice that
 * is no longer an option is dropped.
 */
export function initialPlaceholderValues(
  placeholders: readonly Placeholder[],
  remembered: PlaceholderValues,
  agentName = '',
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of placeholders) {
    const own = p.key === 'agentName' && agentName ? agentName : undefined;
    const candidates = [remembered[p.key], own, p.defaultValue, p.type === 'choice' ? p.options[0] : undefined];
    const value = candidates.find((v) => v !== undefined && isAcceptable(p, v));
    out[p.key] = value ?? '';
  }
  return out;
}

/**
 * The values read mode (and any view that shows an article's text filled) uses: exactly those the
 * insert form would start with (see {@link initialPlaceholderValues}: this shift's entries, the
 * agent's name from Options, declared defaults), minus the ones still empty, which stay chips.
 */
export function knownPlaceholderValues(
  placeholders: readonly Placeholder[],
  remembered: PlaceholderValues,
  agentName = '',
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(initialPlaceholderValues(placeholders, remembered, agentName)).filter(([, v]) => v !== ''),
  );
}

function isAcceptable(p: Placeholder, value: string): boolean {
  if (p.type === 'choice') return p.options.includes(value);
  if (p.type === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  return true;
}

/** Why a value cannot be inserted: left empty, not one of the choices, or not a day. */
export type PlaceholderProblem = { key: string; problem: 'empty' | 'not-an-option' | 'not-a-date' };

/** The first field that cannot be inserted as it is, or null when every value is fine. */
export function checkPlaceholderValues(
  placeholders: readonly Placeholder[],
  values: PlaceholderValues,
): PlaceholderProblem | null {
  for (const p of placeholders) {
    const value = (values[p.key] ?? '').trim();
    if (value === '') return { key: p.key, problem: 'empty' };
    if (p.type === 'choice' && !p.options.includes(value)) return { key: p.key, problem: 'not-an-option' };
    if (p.type === 'date' && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(value)) {
      return { key: p.key, problem: 'not-a-date' };
    }
  }
  return null;
}

/** The trimmed values for `placeholders` only (what is inserted and remembered). */
export function cleanPlaceholderValues(
  placeholders: readonly Placeholder[],
  values: PlaceholderValues,
): Record<string, string> {
  return Object.fromEntries(placeholders.map((p) => [p.key, (values[p.key] ?? '').trim()]));
}

/**
 * Splits serialised HTML into text runs (between tags) and markup (tags with their attribute
 * values, comments, and the content of raw-text elements), so a change can be made to text only.
 */
function htmlRuns(html: string): { text: boolean; value: string }[] {
  const runs: { text: boolean; value: string }[] = [];
  let i = 0;
  let textStart = 0;
  const flushText = (end: number) => {
    if (end > textStart) runs.push({ text: true, value: html.slice(textStart, end) });
  };
  while (i < html.length) {
    if (html[i] !== '<' || !/[A-Za-z/!?]/.test(html[i + 1] ?? '')) {
      i++;
      continue;
    }
    flushText(i);
    let end: number;
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      end = close < 0 ? html.length : close + 3;
    } else {
      // A tag: up to the first `>` outside a quoted attribute value.
      let quote: string | null = null;
      end = i + 1;
      while (end < html.length) {
        const c = html[end]!;
        if (quote) {
          if (c === quote) quote = null;
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
        end++;
      }
      end = Math.min(end + 1, html.length);
      // Raw-text elements keep their content as markup (never rendered as text to mark).
      const name = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(html.slice(i, end))?.[1]?.toLowerCase();
      if (name && /^(script|style|textarea|title|xmp|iframe|noembed|noframes|noscript)$/.test(name)) {
        const close = html.toLowerCase().indexOf(`</${name}`, end);
        end = close < 0 ? html.length : close;
      }
    }
    runs.push({ text: false, value: html.slice(i, end) });
    i = end;
    textStart = end;
  }
  flushText(html.length);
  return runs;
}

/**
 * Rendered HTML with each marker shown as a chip (`<span class="ph-chip">label</span>`), for
 * previews: the agent sees what will be asked, not raw braces. Labels are HTML-escaped. Only
 * markers in text are marked: one inside a tag (`href="{{link}}"`) stays as written, so the markup
 * around it stays whole.
 */
export function markPlaceholdersHtml(html: string, labelOf: (key: string) => string): string {
  return htmlRuns(html)
    .map((run) =>
      run.text
        ? run.value.replace(MARKER, (_m, key: string) => `<span class="ph-chip">${escapeHtml(labelOf(key))}</span>`)
        : run.value,
    )
    .join('');
}
