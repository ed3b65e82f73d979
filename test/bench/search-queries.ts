import { pinyin } from 'pinyin-pro';

/**
 * Generates benchmark queries of each kind an agent types, from a corpus of articles, with a
 * seeded random generator (same seed → same queries). Each query names the article it was made
 * from and the set of articles that count as a correct answer.
 *
 * A query is kept only when it is *specific*: at most {@link MAX_MATCHES} articles contain what it
 * stands for (the substring, the words, the pinyin…), judged by brute force over the corpus,
 * independently of any engine. A query that fits half the corpus has no single right answer.
 */

export interface BenchArticle {
  id: string;
  /** Chinese question. */
  title: string;
  /** English question. */
  body: string;
  tags: string[];
}

export const QUERY_KINDS = ['hanzi', 'reordered', 'initials', 'pinyin', 'homophone', 'typo', 'prefix'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

export interface BenchQuery {
  kind: QueryKind;
  query: string;
  target: string;
  /** Ids that answer the query correctly (the target and its exact duplicates). */
  accept: Set<string>;
}

const MAX_MATCHES = 3;

/** mulberry32: a small seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);
const STOP = new Set(
  'a an the and or of to in on for with by is are was be can do does did i my me you your it its if what when where who why how will would should could from at as this that have has not no yes get much many any about than there their they which'.split(
    ' ',
  ),
);

/** Toneless pinyin per character of `text` (context-aware), '' for non-Han characters. */
function readings(text: string): string[] {
  const read = pinyin(text, { toneType: 'none', type: 'array', v: true });
  return [...text].map((ch, i) => (isHan(ch) ? (read[i] ?? '').toLowerCase() : ''));
}

interface Prepared {
  a: BenchArticle;
  chars: string[];
  syl: string[];
  /** `'tui'bao'fei'…'` for aligned pinyin containment checks. */
  sylJoined: string;
  initials: string;
  words: string[];
  wordSet: Set<string>;
  bodyLower: string;
}

const wordsOf = (text: string) => text.toLowerCase().match(/[a-z0-9]+/g) ?? [];

/** Makes `perKind` queries of every kind from `articles`. */
export function generateQueries(articles: BenchArticle[], perKind: number, seed = 20261123): BenchQuery[] {
  const rand = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

  const prepared: Prepared[] = articles.map((a) => {
    const chars = [...a.title];
    const syl = readings(a.title);
    const words = wordsOf(a.body);
    const tagWords = a.tags.flatMap(wordsOf);
    return {
      a,
      chars,
      syl,
      sylJoined: `'${syl.map((s, i) => s || chars[i]).join("'")}'`,
      initials: syl.map((s, i) => (s ? s[0] : chars[i]!.toLowerCase())).join(''),
      words,
      // Tags are searched too: a query word found in a tag is not specific to this body.
      wordSet: new Set([...words, ...tagWords]),
      bodyLower: ` ${words.join(' ')} `,
    };
  });
  const byTitle = new Map<string, string[]>();
  const byBody = new Map<string, string[]>();
  for (const p of prepared) {
    byTitle.set(p.a.title, [...(byTitle.get(p.a.title) ?? []), p.a.id]);
    const b = p.words.join(' ');
    byBody.set(b, [...(byBody.get(b) ?? []), p.a.id]);
  }
  // Homophones seen in the corpus: syllable → characters read that way.
  const homophones = new Map<string, Set<string>>();
  for (const p of prepared) {
    p.chars.forEach((ch, i) => {
      const s = p.syl[i];
      if (!s) return;
      if (!homophones.has(s)) homophones.set(s, new Set());
      homophones.get(s)!.add(ch);
    });
  }
  const df = new Map<string, number>();
  for (const p of prepared) for (const w of p.wordSet) df.set(w, (df.get(w) ?? 0) + 1);

  const count = (test: (p: Prepared) => boolean) => {
    let n = 0;
    for (const p of prepared) if (test(p) && ++n > MAX_MATCHES) break;
    return n;
  };
  const specific = (test: (p: Prepared) => boolean) => {
    const n = count(test);
    return n >= 1 && n <= MAX_MATCHES;
  };

  /** A run of Han characters of the title, `lo`–`hi` long, or null. */
  const hanRun = (p: Prepared, lo: number, hi: number): { start: number; len: number } | null => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const len = Math.min(int(lo, hi), p.chars.length);
      if (len < lo) return null;
      const start = int(0, p.chars.length - len);
      if (p.chars.slice(start, start + len).every(isHan)) return { start, len };
    }
    return null;
  };

  const makers: Record<QueryKind, (p: Prepared) => string | null> = {
    hanzi(p) {
      const run = hanRun(p, 3, 6);
      if (!run) return null;
      const q = p.chars.slice(run.start, run.start + run.len).join('');
      return specific((o) => o.a.title.includes(q)) ? q : null;
    },
    reordered(p) {
      const seg = new Intl.Segmenter('zh', { granularity: 'word' });
      const words = [...seg.segment(p.a.title)]
        .filter((s) => s.isWordLike && [...s.segment].some(isHan))
        .map((s) => s.segment);
      const unique = [...new Set(words)].filter((w) => !['保险', '什么', '可以', '是否', '如何', '吗'].includes(w));
      if (unique.length < 2) return null;
      for (let attempt = 0; attempt < 8; attempt++) {
        const k = Math.min(unique.length, int(2, 3));
        const chosen = [...unique].sort(() => rand() - 0.5).slice(0, k);
        // Must differ from the order in the title.
        const inTitle = [...chosen].sort((x, y) => p.a.title.indexOf(x) - p.a.title.indexOf(y));
        const order = [...inTitle].reverse();
        if (order.join('') === inTitle.join('')) continue;
        if (specific((o) => order.every((w) => o.a.title.includes(w)))) return order.join(' ');
      }
      return null;
    },
    initials(p) {
      const run = hanRun(p, 3, 6);
      if (!run) return null;
      const q = p.initials.slice(run.start, run.start + run.len);
      return specific((o) => o.initials.includes(q)) ? q : null;
    },
    pinyin(p) {
      const run = hanRun(p, 2, 4);
      if (!run) return null;
      const syl = p.syl.slice(run.start, run.start + run.len);
      const aligned = `'${syl.join("'")}'`;
      return specific((o) => o.sylJoined.includes(aligned)) ? syl.join('') : null;
    },
    homophone(p) {
      const run = hanRun(p, 3, 6);
      if (!run) return null;
      const original = p.chars.slice(run.start, run.start + run.len);
      if (!specific((o) => o.a.title.includes(original.join('')))) return null;
      const slots = original.map((_, i) => i).sort(() => rand() - 0.5);
      for (const i of slots) {
        const s = p.syl[run.start + i]!;
        const others = [...(homophones.get(s) ?? [])].filter((c) => c !== original[i]);
        if (others.length === 0) continue;
        const slipped = [...original];
        slipped[i] = pick(others);
        return slipped.join('');
      }
      return null;
    },
    typo(p) {
      const content = [...new Set(p.words)].filter((w) => w.length >= 5 && !STOP.has(w));
      if (content.length === 0) return null;
      content.sort((x, y) => df.get(x)! - df.get(y)!);
      const rare = content[0]!;
      const chosen = df.get(rare)! <= MAX_MATCHES ? [rare] : content.slice(0, 2);
      if (chosen.length === 0 || !specific((o) => chosen.every((w) => o.wordSet.has(w)))) return null;
      const i = int(0, chosen.length - 1);
      chosen[i] = typoOf(chosen[i]!, rand);
      return chosen.join(' ');
    },
    prefix(p) {
      const ws = p.words;
      if (ws.length < 3) return null;
      for (let attempt = 0; attempt < 8; attempt++) {
        const n = int(2, 3);
        const start = int(0, ws.length - n);
        const phrase = ws.slice(start, start + n);
        const last = phrase[n - 1]!;
        if (last.length < 4 || phrase.every((w) => STOP.has(w))) continue;
        const cut = last.slice(0, int(3, last.length - 1));
        const typed = [...phrase.slice(0, -1), cut].join(' ');
        if (specific((o) => o.bodyLower.includes(` ${typed}`))) return typed;
      }
      return null;
    },
  };

  const out: BenchQuery[] = [];
  for (const kind of QUERY_KINDS) {
    const order = prepared.map((_, i) => i).sort(() => rand() - 0.5);
    let made = 0;
    for (const i of order) {
      if (made >= perKind) break;
      const p = prepared[i]!;
      const query = makers[kind](p);
      if (!query) continue;
      const english = kind === 'typo' || kind === 'prefix';
      const accept = new Set(english ? byBody.get(p.words.join(' '))! : byTitle.get(p.a.title)!);
      out.push({ kind, query, target: p.a.id, accept });
      made++;
    }
  }
  return out;
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'ol',
  a: 'qsz',
  s: 'adw',
  d: 'sfe',
  f: 'dgr',
  g: 'fht',
  h: 'gjy',
  j: 'hku',
  k: 'jli',
  l: 'ko',
  z: 'xa',
  x: 'zcs',
  c: 'xvd',
  v: 'cbf',
  b: 'vng',
  n: 'bmh',
  m: 'nj',
};

/** One typing slip in `word` (never in its first letter): swap, drop, double or a neighbour key. */
function typoOf(word: string, rand: () => number): string {
  const i = 1 + Math.floor(rand() * (word.length - 2));
  const kind = Math.floor(rand() * 4);
  if (kind === 0 && word[i] !== word[i + 1]) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (kind === 1) return word.slice(0, i) + word.slice(i + 1);
  if (kind === 2) return word.slice(0, i) + word[i] + word.slice(i);
  const near = KEYBOARD_NEIGHBOURS[word[i]!] ?? 'e';
  return word.slice(0, i) + near[Math.floor(rand() * near.length)] + word.slice(i + 1);
}
