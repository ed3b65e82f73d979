import Fuse, { type FuseResult } from 'fuse.js';
import { foldText, isHan, syllablesOf } from '../kb/search-text';

/**
 * Fuzzy search over the inbox's items (a few thousand short texts, Chinese and English) with
 * fuse.js, plus pinyin for Chinese as in the KB: `tuikuan` and `tk` find `退款`, `refnud` finds
 * `refund`. Words of a query must all match (fuse's extended search, white space as AND). Hits
 * carry `[start, end)` ranges in the item's original text for highlighting.
 */

/** What is searched of an item. */
export interface SearchableItem {
  id: string;
  text: string;
}

/** One hit: higher `score` is better (1 exact … 0). */
export interface InboxHit {
  id: string;
  score: number;
  ranges: Array<[number, number]>;
}

interface Doc {
  id: string;
  /** Folded text (same length as the original). */
  text: string;
  /** Han characters read as toneless pinyin, everything else kept. */
  py: string;
  /** For each char of `py`, the offset in `text` it reads. */
  pyMap: Int32Array;
  /** Han characters as their pinyin initial, everything else kept (same length as `text`). */
  ini: string;
}

function docOf(item: SearchableItem): Doc {
  const text = foldText(item.text);
  const syllables = syllablesOf(text);
  let py = '';
  const map: number[] = [];
  let ini = '';
  for (let i = 0; i < text.length; i++) {
    const s = syllables[i]!;
    if (s && isHan(text.charCodeAt(i))) {
      py += s;
      for (let k = 0; k < s.length; k++) map.push(i);
      ini += s[0];
    } else {
      py += text[i];
      map.push(i);
      ini += text[i];
    }
  }
  return { id: item.id, text, py, pyMap: Int32Array.from(map), ini };
}

/** A query safe for fuse's extended search: its operator characters become spaces. */
export function plainQuery(query: string): string {
  return foldText(query.normalize('NFKC'))
    .replace(/["'=!^$|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Merges overlapping or touching ranges, sorted. */
export function mergeRanges(ranges: Array<[number, number]>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Array<[number, number]> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** The inbox search index; rebuild it (cheap) when items are added. */
export interface InboxSearch {
  /** Hits best first; a blank query has none (the list shows everything then). */
  search(query: string): InboxHit[];
  readonly size: number;
}

/** Builds the search over `items`. */
export function createInboxSearch(items: readonly SearchableItem[]): InboxSearch {
  const docs = items.map(docOf);
  const common = { includeMatches: true, includeScore: true, ignoreLocation: true, useExtendedSearch: true };
  // The text itself, with room for typos; pinyin and initials are long runs of letters where a
  // loose match finds noise, so they are matched more strictly.
  const byText = new Fuse(docs, { ...common, keys: ['text'], threshold: 0.34 });
  // Only texts with Chinese have a pinyin reading worth a second look.
  const byPinyin = new Fuse(
    docs.filter((d) => d.py !== d.text),
    {
      ...common,
      keys: [
        { name: 'py', weight: 1 },
        { name: 'ini', weight: 0.6 },
      ],
      threshold: 0.15,
    },
  );
  const rangesOf = (hit: FuseResult<Doc>, minLen: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    for (const m of hit.matches ?? []) {
      for (const [s, e] of m.indices) {
        if (e + 1 - s < minLen) continue;
        if (m.key === 'py') out.push([hit.item.pyMap[s]!, hit.item.pyMap[e]! + 1]);
        else if (m.key === 'ini' && e + 1 - s < 2) continue;
        else out.push([s, e + 1]);
      }
    }
    return mergeRanges(out);
  };
  return {
    search(query) {
      const q = plainQuery(query);
      if (q === '') return [];
      const shortest = Math.min(...q.split(' ').map((t) => t.length));
      const minLen = [...q].some((ch) => isHan(ch.charCodeAt(0))) ? 1 : Math.min(2, shortest);
      const best = new Map<string, InboxHit>();
      const add = (hits: FuseResult<Doc>[], weight: number) => {
        for (const hit of hits) {
          const score = Math.round((1 - (hit.score ?? 1)) * weight * 1000) / 1000;
          const ranges = rangesOf(hit, minLen);
          const prev = best.get(hit.item.id);
          if (!prev) best.set(hit.item.id, { id: hit.item.id, score, ranges });
          else
            best.set(hit.item.id, {
              id: prev.id,
              score: Math.max(prev.score, score),
              ranges: mergeRanges([...prev.ranges, ...ranges]),
            });
        }
      };
      add(byText.search(q), 1);
      if (/[a-z]/.test(q)) add(byPinyin.search(q), 0.9);
      return [...best.values()].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    },
    get size() {
      return docs.length;
    },
  };
}
