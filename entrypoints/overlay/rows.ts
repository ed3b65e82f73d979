import type { KbHit } from '@/utils/kb/search';
import { frecencyAt, type ArticleUsage } from '@/utils/kb/usage';

/** Groups the palette shows when the search box is empty. */
export type RowGroup = 'suggested' | 'pinned' | 'recent' | 'all';

/** One result row: an article id, its title highlights, and its group (none while searching). */
export interface PaletteRow {
  id: string;
  titleRanges: KbHit['titleRanges'];
  group: RowGroup | null;
}

/** At most this many recently used articles are listed on their own. */
const RECENT_LIMIT = 8;

/**
 * The rows for an empty search: suggestions for the page first (when the background sent page
 * context), then pinned articles, then recently used ones by frecency, then everything else in
 * `rest` order. Each article appears once; ids not in `exists` are dropped.
 */
export function emptySearchRows(args: {
  suggested: readonly string[];
  usage: readonly ArticleUsage[];
  rest: readonly KbHit[];
  exists: (id: string) => boolean;
  now: number;
}): PaletteRow[] {
  const seen = new Set<string>();
  const rows: PaletteRow[] = [];
  const push = (id: string, group: RowGroup) => {
    if (seen.has(id) || !args.exists(id)) return;
    seen.add(id);
    rows.push({ id, titleRanges: [], group });
  };
  for (const id of args.suggested) push(id, 'suggested');
  const byRecency = [...args.usage].sort((a, b) => frecencyAt(b, args.now) - frecencyAt(a, args.now));
  for (const u of byRecency) if (u.pinned) push(u.articleId, 'pinned');
  let recent = 0;
  for (const u of byRecency) {
    if (recent >= RECENT_LIMIT) break;
    if (u.pinned || u.uses === 0 || seen.has(u.articleId) || !args.exists(u.articleId)) continue;
    push(u.articleId, 'recent');
    recent++;
  }
  for (const hit of args.rest) push(hit.id, 'all');
  return rows;
}
