import { splitBody } from './article-reply';

/**
 * Database version 6, for one stored article (modified in place): adds `replies` and `notes`.
 * A body written by the Markdown convention (utils/kb/article-reply.ts) is split into them; any
 * other body is kept whole (it is inserted whole, as before, and the KB page marks it). Pure.
 */
export function upgradeArticleV6(a: Record<string, unknown>): void {
  if (Array.isArray(a.replies)) {
    a.notes ??= '';
    return;
  }
  const body = typeof a.body === 'string' ? a.body : '';
  const split = splitBody(body);
  if (split) {
    a.replies = split.replies;
    a.notes = split.notes;
    a.body = '';
  } else {
    a.replies = [];
    a.notes = '';
  }
}
