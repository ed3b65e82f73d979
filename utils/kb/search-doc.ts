import { BODY_LENGTH, INNER_FACTOR, W_BODY, W_KEYWORD, W_TAG, W_TITLE } from './search-rank';
import { foldText, isAlnum, isHan as isHanCode, syllablesOf } from './search-text';

/**
 * The per-article and per-chunk data behind knowledge-base search (see search.ts): each article
 * is folded, read in pinyin and split into words once, when it is indexed.
 */

/** The least an article must carry to be searched. */
export interface SearchableArticle {
  id: string;
  title: string;
  body: string;
  /** What goes to the customer (searched with the body). */
  replies?: readonly { text: string }[];
  /** What only the agent reads (searched with the body). */
  notes?: string;
  tags: readonly string[];
  keywords?: readonly string[];
  category?: string;
  kind?: string;
}

export const SEP = '\u0001'; // between fields of one article
export const END = '\u0000'; // between articles

/** An English word (or number) of an article: where it is strongest, and that field's length. */
export interface WordPlace {
  weight: number;
  fieldLength: number;
}

/** One article, folded and annotated once. */
export interface Doc {
  id: string;
  alive: boolean;
  order: number;
  chunk: number;
  kind: string;
  title: string;
  /** Folded title, keywords, tags, category joined by SEP. */
  head: string;
  /** Ends of title, keywords and tags inside `head` (category runs to the end). */
  titleEnd: number;
  keywordEnd: number;
  tagEnd: number;
  /** One char per head char: the pinyin initial of a Han character, the char itself otherwise. */
  initials: string;
  /** Pinyin of head: syllables for Han characters, ASCII letters and digits kept, others → SEP. */
  pinyin: string;
  /** For each pinyin char: the head offset it reads, and 1 where a Han syllable starts. */
  pinyinHead: Int32Array;
  pinyinStart: Uint8Array;
  body: string;
  /** `' ' + words of head + ' '` and the same for body: phrase checks find `' go for che'`. */
  headWords: string;
  bodyWords: string;
  /** Folded tags and category, for `#tag` filters, with their pinyin and initials. */
  labels: string[];
  /** Each distinct English word or number, with its strongest place (dropped once indexed). */
  words: Map<string, WordPlace> | null;
  /** Distinct pinyin syllables of the head. */
  syllables: string[];
}

/** `text` with everything but ASCII letters and digits as spaces (same length). */
function wordsView(text: string): string {
  return text.replace(/[^a-z0-9]/g, ' ');
}

/** The distinct English words and numbers of an indexed article (recomputed, not stored). */
export function docWords(doc: Doc): Set<string> {
  return new Set([...(doc.headWords.match(/[a-z0-9]+/g) ?? []), ...(doc.bodyWords.match(/[a-z0-9]+/g) ?? [])]);
}

/** Which head field `offset` is in, as a weight. */
export function fieldWeight(doc: Doc, offset: number): number {
  if (offset < doc.titleEnd) return W_TITLE;
  if (offset < doc.keywordEnd) return W_KEYWORD;
  return W_TAG;
}

/** Length of the head field value (one keyword, one tag…) that contains `offset`. */
export function fieldLength(doc: Doc, offset: number): number {
  if (offset < doc.titleEnd) return doc.titleEnd;
  let start = offset;
  while (start > 0 && doc.head.charCodeAt(start - 1) !== 1) start--;
  let end = offset;
  while (end < doc.head.length && doc.head.charCodeAt(end) !== 1) end++;
  return end - start;
}

/** True when `offset` starts a head field value. */
export function fieldStart(doc: Doc, offset: number): boolean {
  return offset === 0 || doc.head.charCodeAt(offset - 1) === 1;
}

/** Folds, reads and splits one article. */
export function buildDoc(a: SearchableArticle, order: number, chunk: number): Doc {
  const title = foldText(a.title);
  const keywords = (a.keywords ?? []).map(foldText).join(SEP);
  const tags = a.tags.map(foldText).join(SEP);
  const category = foldText(a.category ?? '');
  const titleEnd = title.length;
  const keywordEnd = titleEnd + 1 + keywords.length;
  const tagEnd = keywordEnd + 1 + tags.length;
  const head = `${title}${SEP}${keywords}${SEP}${tags}${SEP}${category}`;
  const read = syllablesOf(head);
  let initials = '';
  let pinyin = '';
  const pinyinHead: number[] = [];
  const pinyinStart: number[] = [];
  const syllables = new Set<string>();
  for (let i = 0; i < head.length; i++) {
    const syl = read[i]!;
    if (syl) {
      syllables.add(syl);
      initials += syl[0];
      pinyin += syl;
      for (let k = 0; k < syl.length; k++) {
        pinyinHead.push(i);
        pinyinStart.push(k === 0 ? 1 : 0);
      }
    } else {
      const ch = isAlnum(head.charCodeAt(i)) ? head[i]! : SEP;
      initials += ch;
      pinyin += ch;
      pinyinHead.push(i);
      pinyinStart.push(0);
    }
  }
  const doc: Doc = {
    id: a.id,
    alive: true,
    order,
    chunk,
    kind: a.kind ?? '',
    title: a.title,
    head,
    titleEnd,
    keywordEnd,
    tagEnd,
    initials,
    pinyin,
    pinyinHead: Int32Array.from(pinyinHead),
    pinyinStart: Uint8Array.from(pinyinStart),
    body: foldText(searchedBody(a)),
    headWords: '',
    bodyWords: '',
    labels: [],
    words: new Map(),
    syllables: [...syllables],
  };
  doc.headWords = ` ${wordsView(head)} `;
  doc.bodyWords = ` ${wordsView(doc.body)} `;
  for (const label of [...a.tags, ...(a.category ? [a.category] : [])]) {
    const folded = foldText(label);
    const syl = syllablesOf(folded);
    const letters = syl.map((s, i) => s || folded[i]).join('');
    const firsts = syl.map((s, i) => (s ? s[0] : folded[i])).join('');
    doc.labels.push(folded, letters, firsts);
  }
  const words = new Map<string, WordPlace>();
  doc.words = words;
  const place = (word: string, weight: number, length: number) => {
    const known = words.get(word);
    if (!known || known.weight < weight) words.set(word, { weight, fieldLength: length });
  };
  for (const m of head.matchAll(/[a-z0-9]+/g)) {
    const off = m.index;
    const start = fieldStart(doc, off) ? 1 : INNER_FACTOR;
    place(m[0], fieldWeight(doc, off) * start, fieldLength(doc, off));
  }
  for (const m of doc.body.matchAll(/[a-z0-9]+/g)) place(m[0], W_BODY, BODY_LENGTH);
  return doc;
}

/**
 * Articles concatenated so a Han term, pinyin or initials are found with a few native `indexOf`
 * scans per chunk. Each article is preceded by END, so offsets map back through `*Starts`.
 */
export interface Chunk {
  docs: number[];
  dirty: boolean;
  head: string;
  initials: string;
  body: string;
  pinyin: string;
  headStarts: Int32Array;
  bodyStarts: Int32Array;
  pinyinStarts: Int32Array;
  pinyinHead: Int32Array;
  pinyinStart: Uint8Array;
  /** Where each syllable starts in `pinyin` (a pinyin query starts on one of them). */
  syllableAt: Map<string, number[]>;
  /** Where each pair of initials of two Han characters starts in `initials`. */
  initialPairAt: Map<string, number[]>;
  /** False when no body here has a Han character (Han terms skip the body scan). */
  bodyHasHan: boolean;
}

/** A chunk with no articles yet. */
export function emptyChunk(): Chunk {
  return {
    docs: [],
    dirty: true,
    head: '',
    initials: '',
    body: '',
    pinyin: '',
    headStarts: new Int32Array(1),
    bodyStarts: new Int32Array(1),
    pinyinStarts: new Int32Array(1),
    pinyinHead: new Int32Array(0),
    pinyinStart: new Uint8Array(0),
    syllableAt: new Map(),
    initialPairAt: new Map(),
    bodyHasHan: false,
  };
}

/** Rebuilds a chunk's concatenated strings from its live articles. */
export function rebuildChunk(chunk: Chunk, docs: readonly Doc[]): void {
  const live = chunk.docs.filter((d) => docs[d]!.alive);
  chunk.docs = live;
  const heads: string[] = [END];
  const inits: string[] = [END];
  const bodies: string[] = [END];
  const pinyins: string[] = [END];
  const headStarts = new Int32Array(live.length + 1);
  const bodyStarts = new Int32Array(live.length + 1);
  const pinyinStarts = new Int32Array(live.length + 1);
  let h = 1;
  let b = 1;
  let p = 1;
  live.forEach((d, i) => {
    const doc = docs[d]!;
    headStarts[i] = h;
    bodyStarts[i] = b;
    pinyinStarts[i] = p;
    heads.push(doc.head, END);
    inits.push(doc.initials, END);
    bodies.push(doc.body, END);
    pinyins.push(doc.pinyin, END);
    h += doc.head.length + 1;
    b += doc.body.length + 1;
    p += doc.pinyin.length + 1;
  });
  headStarts[live.length] = h;
  bodyStarts[live.length] = b;
  pinyinStarts[live.length] = p;
  const pinyinHead = new Int32Array(p + 1);
  const pinyinStart = new Uint8Array(p + 1);
  live.forEach((d, i) => {
    const doc = docs[d]!;
    pinyinHead.set(doc.pinyinHead, pinyinStarts[i]);
    pinyinStart.set(doc.pinyinStart, pinyinStarts[i]);
  });
  chunk.head = heads.join('');
  chunk.initials = inits.join('');
  chunk.body = bodies.join('');
  chunk.pinyin = pinyins.join('');
  chunk.headStarts = headStarts;
  chunk.bodyStarts = bodyStarts;
  chunk.pinyinStarts = pinyinStarts;
  chunk.pinyinHead = pinyinHead;
  chunk.pinyinStart = pinyinStart;
  chunk.bodyHasHan = /[\u3400-\u4dbf\u4e00-\u9fff]/.test(chunk.body);
  const syllableAt = new Map<string, number[]>();
  for (let i = 0; i < p; i++) {
    if (pinyinStart[i] !== 1) continue;
    let j = i + 1;
    while (j < p && pinyinStart[j] === 0 && pinyinHead[j] === pinyinHead[i]) j++;
    const syl = chunk.pinyin.slice(i, j);
    let list = syllableAt.get(syl);
    if (!list) syllableAt.set(syl, (list = []));
    list.push(i);
  }
  chunk.syllableAt = syllableAt;
  const initialPairAt = new Map<string, number[]>();
  for (let i = 0; i + 1 < h; i++) {
    if (!isHanCode(chunk.head.charCodeAt(i)) || !isHanCode(chunk.head.charCodeAt(i + 1))) continue;
    const pair = chunk.initials.slice(i, i + 2);
    let list = initialPairAt.get(pair);
    if (!list) initialPairAt.set(pair, (list = []));
    list.push(i);
  }
  chunk.initialPairAt = initialPairAt;
  chunk.dirty = false;
}

/** Index of the article in `starts` that contains offset `pos`, searching forward from `from`. */
export function docAt(starts: Int32Array, pos: number, from: number): number {
  let i = from;
  while (starts[i + 1]! <= pos) i++;
  return i;
}

/** The text searched as an article's body: its replies first, then its notes, then any old body. */
export function searchedBody(a: Pick<SearchableArticle, 'body' | 'replies' | 'notes'>): string {
  const parts = [...(a.replies ?? []).map((r) => r.text), a.notes ?? '', a.body];
  return parts.filter((p) => p !== '').join('\n');
}
