import { pinyin } from 'pinyin-pro';

/**
 * Text helpers for knowledge-base search: normalisation that keeps offsets, pinyin annotation,
 * and a bounded edit distance. Pure functions; run in Node and in the browser.
 */

const foldCache = new Map<number, string>();

/**
 * Folds one UTF-16 code unit: lower case, and full-width forms to their ASCII twins (`Ｒ` → `r`).
 * Always returns exactly one code unit, so offsets in folded text are offsets in the original.
 */
function foldUnit(code: number, ch: string): string {
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  let folded = foldCache.get(code);
  if (folded === undefined) {
    const nf = ch.normalize('NFKC').toLowerCase();
    folded = nf.length === 1 ? nf : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    foldCache.set(code, folded);
  }
  return folded;
}

/** Case- and width-folded copy of `text` with the same length (offsets stay valid). */
export function foldText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldUnit(text.charCodeAt(i), text[i]!);
  return out;
}

export { normalizeText } from './normalize';

/** True for a CJK unified ideograph (the basic block and extension A). */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** True for ASCII letters and digits (folded text is lower case). */
export function isAlnum(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** True when `text` contains at least one Han character. */
export function hasHan(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isHan(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Toneless pinyin of each code unit of folded `text`: a syllable for a Han character, `''` for
 * anything else. Uses pinyin-pro on the whole string so polyphones are read in context
 * (`重庆` → chong qing, `重要` → zhong yao).
 */
export function syllablesOf(text: string): string[] {
  const out: string[] = new Array<string>(text.length).fill('');
  if (!hasHan(text)) return out;
  const read = pinyin(text, { toneType: 'none', type: 'array', v: true });
  if (read.length === text.length) {
    for (let i = 0; i < text.length; i++) if (isHan(text.charCodeAt(i))) out[i] = read[i]!.toLowerCase();
    return out;
  }
  // pinyin-pro grouped something differently (e.g. a surrogate pair): read character by character.
  for (let i = 0; i < text.length; i++) {
    if (isHan(text.charCodeAt(i))) out[i] = pinyin(text[i]!, { toneType: 'none', v: true }).toLowerCase();
  }
  return out;
}

/**
 * Optimal-string-alignment distance between `a` and `b` (insert, delete, substitute, swap two
 * neighbours), or `max + 1` as soon as it must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (rows[0]!.length <= lb) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(lb + 16);
  let prev2 = rows[0]!;
  let prev = rows[1]!;
  let cur = rows[2]!;
  for (let j = 0; j <= lb; j++) prev[j] = j;
  for (let i = 1; i <= la; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[lb]!;
}

/** Scratch rows for {@link editDistance} (grown on demand; single-threaded). */
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Splits a query into terms: on white space and on Chinese and ASCII punctuation. */
export function queryTerms(query: string): string[] {
  return foldText(query.normalize('NFKC'))
    .split(/[\s,.;:!?，。；：！？、"'“”‘’()（）[\]【】《》<>/\\|]+/u)
    .filter(Boolean);
}
