import { marked } from 'marked';
import type { SeatmateDb } from '@/utils/db';
import type { Article } from '@/utils/kb/article';
import { fillPlaceholdersHtml, markPlaceholdersHtml, placeholderKeysIn } from '@/utils/kb/placeholders';
import { SCRIPT } from './types';

/** Everything stored, as text, to compare before and after a case. */
export async function snapshot(db: SeatmateDb): Promise<{ articles: string; packs: string }> {
  const [articles, packs] = await Promise.all([db.articles.toArray(), db.packs.toArray()]);
  const byId = <T extends { id: string }>(rows: T[]) =>
    JSON.stringify([...rows].sort((a, b) => a.id.localeCompare(b.id)));
  return { articles: byId(articles), packs: byId(packs) };
}

/**
 * The structure of serialised HTML: each tag as its name and attribute names, in order (values
 * left out: filling a value into `href="{{link}}"` is allowed, adding a tag or an attribute is not),
 * plus a mark for each attribute value that is a script address.
 */
function tags(html: string, dropChips = false): string[] {
  const raw = html.match(/<[A-Za-z/!](?:"[^"]*"|'[^']*'|[^>"'])*>/g) ?? [];
  const kept = dropChips ? raw.filter((t, i) => t !== CHIP && !(t === '</span>' && raw[i - 1] === CHIP)) : raw;
  return kept.map((tag) => {
    const name = /^<\/?[^\s>/]*/.exec(tag)![0];
    const attrs = [...tag.slice(name.length).matchAll(/([^\s=/>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g)];
    return [
      name,
      ...attrs.map(([, attr, value]) => {
        const unquoted = (value ?? '')
          .replace(/^["']|["']$/g, '')
          .replace(/&#(\d+);/g, (_m, c: string) => String.fromCharCode(Number(c)));
        return /^\s*(javascript|vbscript|data):/i.test(unquoted) ? `${attr}=SCRIPT-URL` : attr;
      }),
    ].join(' ');
  });
}

const CHIP = '<span class="ph-chip">';

/** Values an agent could type into placeholders, each trying to become markup. */
const HOSTILE_VALUES = [
  `"><img src=x onerror="${SCRIPT}">`,
  `</a><script>${SCRIPT}</script>`,
  `' onmouseover='${SCRIPT}`,
  `javascript:${SCRIPT}`,
  ` \tJaVaScRiPt:${SCRIPT}`,
];

/**
 * Whether Seatmate's own HTML steps (placeholder chips for the preview, filled values for the rich
 * insert) add or change markup in an article's rendered body. Rendering is marked's, before the
 * sanitiser (which only runs in a browser; the e2e tests cover it): any tag those steps add or
 * alter is a way for input to become script.
 */
export function markupInjected(articles: readonly Pick<Article, 'body'>[]): boolean {
  for (const a of articles) {
    const html = marked.parse(a.body, { async: false, gfm: true, breaks: true });
    const before = tags(html);
    // The preview's chips: only `<span class="ph-chip">…</span>` in text may be added, nothing else changes.
    const chips = tags(
      markPlaceholdersHtml(html, (k) => `${k}${HOSTILE_VALUES[0]}`),
      true,
    );
    if (JSON.stringify(chips) !== JSON.stringify(before)) return true;
    for (const value of HOSTILE_VALUES) {
      const values = Object.fromEntries(placeholderKeysIn(a.body).map((k) => [k, value]));
      if (JSON.stringify(tags(fillPlaceholdersHtml(html, values))) !== JSON.stringify(before)) return true;
    }
  }
  return false;
}

/** Code from the inputs ran (the sentinel moved) or the object prototype was changed. */
export function scriptsRan(sentinel: string): number {
  const ran = Number((globalThis as Record<string, unknown>)[sentinel] ?? 0);
  const polluted = Object.getOwnPropertyNames(Object.prototype).some((k) =>
    ['polluted', 'title', 'isAdmin', 'toJSON'].includes(k),
  );
  return ran + (polluted ? 1 : 0);
}
