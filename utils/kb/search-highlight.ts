import type { Doc } from './search-doc';
import type { KbStore } from './search-store';
import { hasHan, syllablesOf } from './search-text';

/**
 * Where a query's terms show in one title, as [start, end) offsets into the original title:
 * the term as typed, its pinyin initials or pinyin, or the word a typo was meant as. Computed only
 * for the hits returned.
 */
export function titleRanges(store: KbStore, doc: Doc, terms: readonly string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const title = doc.head.slice(0, doc.titleEnd);
  const titlePinyinEnd = doc.pinyinHead.findIndex((h) => h >= doc.titleEnd);
  const pinyinTitle = doc.pinyin.slice(0, titlePinyinEnd < 0 ? doc.pinyin.length : titlePinyinEnd);
  const initialsTitle = doc.initials.slice(0, doc.titleEnd);
  const add = (start: number, end: number) => {
    if (end > start) ranges.push([start, Math.min(end, doc.title.length)]);
  };
  const wordAt = (word: string) => ` ${doc.headWords.slice(1, doc.titleEnd + 1)}`.indexOf(` ${word}`);
  for (const term of terms) {
    const ascii = /^[a-z0-9]+$/.test(term);
    const at = ascii ? wordAt(term) : title.indexOf(term);
    if (at >= 0) {
      add(at, at + term.length);
      continue;
    }
    let letters = term;
    if (hasHan(term)) {
      letters = syllablesOf(term)
        .map((s, i) => s || term[i])
        .join('');
    } else if (/^[a-z]+$/.test(term)) {
      const ini = initialsTitle.indexOf(term);
      if (ini >= 0) {
        add(ini, ini + term.length);
        continue;
      }
    }
    let p = pinyinTitle.indexOf(letters);
    while (p >= 0 && doc.pinyinStart[p] !== 1) p = pinyinTitle.indexOf(letters, p + 1);
    if (p >= 0) {
      add(doc.pinyinHead[p]!, doc.pinyinHead[p + letters.length - 1]! + 1);
      continue;
    }
    if (ascii && term.length >= 4 && !store.wordCount.has(term)) {
      for (const { word } of store.corrections(term)) {
        const w = wordAt(word);
        if (w >= 0) {
          add(w, w + word.length);
          break;
        }
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
