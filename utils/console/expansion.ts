/**
 * Text expansion where the agent types: is the text just before the caret one of the KB's
 * triggers (`;tk`, `/退款`), and may this field expand at all? Pure and zod-free (the console
 * content script carries it onto every console page; it holds only the trigger strings, never an
 * article). See docs/text-expansion.md for the rules an agent sees.
 */

/** What a trigger looks like (the same rule as `triggerSchema` in utils/kb/article.ts). */
export const TRIGGER_PATTERN = /^[;/][\p{L}\p{N}_-]{1,24}$/u;
/** A trigger is at most this long (`;` or `/` and 24 characters). */
export const MAX_TRIGGER_LENGTH = 25;

/**
 * The keys that expand a trigger typed just before the caret: Space, Enter and Tab, pressed
 * alone. The key is consumed (an Enter never sends the console's message, a Tab never leaves the
 * field) and the trigger is replaced by the reply.
 */
export const EXPANSION_KEYS: ReadonlySet<string> = new Set([' ', 'Enter', 'Tab']);

/** The parts of a key press that decide whether it may expand. */
export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  isComposing: boolean;
  keyCode?: number;
}

/** True for Space, Enter or Tab with no modifier, outside an IME composition (keyCode 229 is the IME's). */
export function isExpansionKey(e: KeyLike): boolean {
  if (e.isComposing || e.keyCode === 229) return false;
  if (e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return false;
  return EXPANSION_KEYS.has(e.key);
}

/**
 * Characters that may not stand right before a trigger: ASCII letters and digits and the
 * characters of addresses and paths (`abc;tk`, `http://x/tk`, `a.b/c` never expand). Anything
 * else may: the start of the text, a space or line break, punctuation, or hanzi (Chinese is
 * written without spaces: `您好/退款` expands).
 */
const GLUED = /[A-Za-z0-9_\-;/:.@#&=?%+~\\]/;

/**
 * The trigger that ends `before` (the text of the field up to the caret), or null. At most one can
 * match (a trigger's body holds no `;` or `/`, and the character before it must not be glued to
 * it); matching is exact (case matters).
 */
export function triggerBeforeCaret(before: string, triggers: ReadonlySet<string>): string | null {
  if (triggers.size === 0) return null;
  const from = Math.max(0, before.length - MAX_TRIGGER_LENGTH);
  for (let i = from; i <= before.length - 2; i++) {
    const c = before[i];
    if (c !== ';' && c !== '/') continue;
    const candidate = before.slice(i);
    if (!triggers.has(candidate)) continue;
    const prev = i > 0 ? before[i - 1]! : '';
    if (prev === '' || !GLUED.test(prev)) return candidate;
  }
  return null;
}

/** Keeps the valid trigger strings of a stored list (anything but a list of strings gives none). */
export function readTriggerList(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter((t): t is string => typeof t === 'string' && TRIGGER_PATTERN.test(t)).slice(0, 5_000);
}

/** What the content script reads off the field and its ancestors to decide whether it may expand. */
export interface FieldMarks {
  /** `type` of an `<input>` (lower case; '' for none or another element). */
  inputType: string;
  /** The field's `autocomplete` tokens, lower case. */
  autocomplete: string;
  /** `data-seatmate` values on the field and its ancestors (the page's "hands off" marker is `off`). */
  seatmate: readonly string[];
}

const SECRET_AUTOCOMPLETE = /(^|\s)(current-password|new-password|one-time-code|cc-[a-z-]+)(\s|$)/;

/**
 * Whether a trigger may expand in this field. Never in a password field (even one a page turned
 * into `type="text"` to show it: its `autocomplete` still says password), a one-time-code or card
 * field, or inside an element the page marked `data-seatmate="off"`.
 */
export function mayExpandIn(marks: FieldMarks): boolean {
  if (marks.inputType === 'password') return false;
  if (SECRET_AUTOCOMPLETE.test(marks.autocomplete.toLowerCase())) return false;
  return !marks.seatmate.some((v) => /^(off|false|no)$/i.test(v.trim()));
}
