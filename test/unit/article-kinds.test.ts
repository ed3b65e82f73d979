import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '@/locales/en.json';
import zh from '@/locales/zh_CN.json';
import { ARTICLE_KIND_ALIASES, ARTICLE_KIND_CATALOGUE, ARTICLE_KINDS, ARTICLE_SOURCES } from '@/utils/kb/article-kinds';
import { normaliseKind } from '@/utils/kb/io/fields';

const css = (path: string) => readFileSync(resolve(import.meta.dirname, '../..', path), 'utf8');

describe('article kinds and sources are in every view', () => {
  it('labels every kind and source in both locales', () => {
    for (const kind of ARTICLE_KINDS) {
      expect(en.articleKinds[kind], kind).toBeTruthy();
      expect(zh.articleKinds[kind], kind).toBeTruthy();
    }
    for (const source of ARTICLE_SOURCES) {
      expect(en.kb.sources[source], source).toBeTruthy();
      expect(zh.kb.sources[source], source).toBeTruthy();
    }
  });

  it('styles every kind’s badge on the KB page and in the palette', () => {
    for (const kind of ARTICLE_KINDS) {
      expect(css('entrypoints/kb/kb.css'), kind).toContain(`.kind-${kind}`);
      expect(css('entrypoints/overlay/overlay.css'), kind).toContain(`.kind-${kind}`);
    }
  });

  it('reads every alias of a kind in an imported file, in any case', () => {
    for (const kind of ARTICLE_KINDS)
      for (const alias of ARTICLE_KIND_CATALOGUE[kind].aliases) {
        expect(ARTICLE_KIND_ALIASES[alias]).toBe(kind);
        expect(normaliseKind(alias.toUpperCase())).toBe(kind);
      }
  });
});
