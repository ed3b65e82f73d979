/**
 * Did the insert land, and only it? Judged from text read back from the field after the editor
 * settled, never from whether an event was accepted. Pure: the content script reads the text; this
 * compares.
 *
 * Rich editors redraw an insert their own way (lists as their list nodes, line breaks as
 * paragraphs, markers as CSS), so editor text is compared by its signature: letters and digits
 * only, in order. The check is strict about order: the agent's text before the caret, then the
 * insert, then the agent's text after the caret — nothing lost, nothing twice.
 */

/** What the field held around the caret before the insert (the selection is what gets replaced). */
export interface FieldSnapshot {
  before: string;
  selected: string;
  after: string;
}

/** The verdict on a field after an insert. */
export type InsertVerdict =
  /** The field reads exactly: text before the caret, the insert, text after it. */
  | 'inserted'
  /** The field reads as it did before: nothing landed. */
  | 'unchanged'
  /** The agent's own text is no longer intact around the insert. */
  | 'damaged'
  /** The insert is in the field more than once. */
  | 'duplicated'
  /** Something changed, but not into the expected text. */
  | 'different';

/** Letters and digits of `text`, in order (what survives any editor's redraw). */
export function textSignature(text: string): string {
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** `text` without white space and invisible format characters (for inserts with no letters). */
function looseText(text: string): string {
  return text.replace(/[\s\p{Cf}]/gu, '');
}

function occurrences(haystack: string, needle: string): number {
  if (!needle) return 0;
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/**
 * Judges the field's text `now` against what it held before (`snapshot`) and the texts the
 * insert may have been rendered as (`expected`: e.g. the HTML's text and the plain text; the
 * editor may take either). Exact for native fields (`exact: true`), by signature otherwise.
 */
export function judgeInsert(
  snapshot: FieldSnapshot,
  now: string,
  expected: readonly string[],
  { exact = false }: { exact?: boolean } = {},
): InsertVerdict {
  if (exact) {
    if (expected.some((e) => now === snapshot.before + e + snapshot.after)) return 'inserted';
    if (now === snapshot.before + snapshot.selected + snapshot.after) return 'unchanged';
    if (!now.startsWith(snapshot.before) || !now.endsWith(snapshot.after)) return 'damaged';
    return expected.some((e) => e && occurrences(now, e) > 1) ? 'duplicated' : 'different';
  }
  // With no letters or digits in the insert (a row of symbols), fall back to the text without spaces.
  const sigs = expected.map(textSignature);
  const sign = sigs.some((s) => s.length > 0) ? textSignature : looseText;
  const before = sign(snapshot.before);
  const after = sign(snapshot.after);
  const read = sign(now);
  const inserts = expected.map(sign).filter((s) => s.length > 0);
  if (inserts.some((e) => read === before + e + after)) return 'inserted';
  if (read === before + sign(snapshot.selected) + after) return 'unchanged';
  if (!read.startsWith(before) || !read.endsWith(after) || read.length < before.length + after.length) {
    return 'damaged';
  }
  const middle = read.slice(before.length, read.length - after.length);
  return inserts.some((e) => occurrences(middle, e) > 1) ? 'duplicated' : 'different';
}
