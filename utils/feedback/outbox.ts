import type { Article } from '../kb/article';
import { formatZodIssues } from '../validation';
import type { FeedbackCategory, FeedbackSeverity } from './categories';
import { randomUuid, type RandomSource } from './random';
import { outboxItemSchema, type ArticleRef, type OutboxItem } from './records';
import { newItemSecret } from './reply-key';
import { isoWeekAt } from './week';

/**
 * The agent's outbox as pure transitions: a new draft, edits (saved as the agent types), ready,
 * back to draft, withdrawn, exported. Each returns a new validated item or throws an
 * {@link OutboxError}; the store writes the result in one transaction.
 *
 *   draft ⇄ ready → exported        draft, ready → withdrawn
 *
 * An exported item is final (it has left the browser); a withdrawn one can be brought back as a
 * draft until it is deleted.
 */

/** Why a transition was refused. */
export type OutboxErrorCode = 'invalid' | 'notEditable' | 'empty' | 'missing';

/** A refused outbox transition. */
export class OutboxError extends Error {
  readonly code: OutboxErrorCode;
  constructor(code: OutboxErrorCode, message: string) {
    super(message);
    this.name = 'OutboxError';
    this.code = code;
  }
}

/** The clock and randomness a transition needs. */
export interface OutboxContext {
  /** ms since epoch. */
  now: number;
  /** Minutes east of UTC of the agent's zone at `now` (the week is computed on that calendar). */
  tzOffsetMinutes: number;
  random: RandomSource;
}

/** What the form can change. `signedAs: null` is anonymous; a name only by the agent's choice. */
export interface ItemEdit {
  category?: FeedbackCategory;
  text?: string;
  article?: ArticleRef | null;
  severity?: FeedbackSeverity | null;
  signedAs?: string | null;
}

function checked(item: OutboxItem): OutboxItem {
  const r = outboxItemSchema.safeParse(item);
  if (!r.success) throw new OutboxError('invalid', formatZodIssues(r.error));
  return r.data;
}

/** A new, empty, anonymous draft with a fresh random id and secret. */
export function newDraft(ctx: OutboxContext, category: FeedbackCategory = 'other'): OutboxItem {
  return checked({
    id: randomUuid(ctx.random),
    category,
    text: '',
    article: null,
    severity: null,
    signedAs: null,
    secret: newItemSecret(ctx.random),
    status: 'draft',
    week: isoWeekAt(ctx.now, ctx.tzOffsetMinutes),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    exportedWeek: null,
    restored: false,
    reply: null,
  });
}

/** True while the agent may still change or withdraw the item. */
export function isEditable(item: Pick<OutboxItem, 'status'>): boolean {
  return item.status === 'draft' || item.status === 'ready';
}

/** The item with the form's changes (a draft or ready item only; it keeps its status). */
export function editItem(item: OutboxItem, edit: ItemEdit, now: number): OutboxItem {
  if (!isEditable(item)) throw new OutboxError('notEditable', `item ${item.id} is ${item.status}`);
  const next: OutboxItem = { ...item, updatedAt: now };
  if (edit.category !== undefined) next.category = edit.category;
  if (edit.text !== undefined) next.text = edit.text;
  if (edit.article !== undefined) next.article = edit.article;
  if (edit.severity !== undefined) next.severity = edit.severity;
  if (edit.signedAs !== undefined) next.signedAs = edit.signedAs === null ? null : edit.signedAs.trim();
  if (next.status === 'ready' && next.text.trim() === '') next.status = 'draft';
  return checked(next);
}

/** The item ready to export; its week becomes the week it was finished in. */
export function markReady(item: OutboxItem, ctx: Pick<OutboxContext, 'now' | 'tzOffsetMinutes'>): OutboxItem {
  if (!isEditable(item)) throw new OutboxError('notEditable', `item ${item.id} is ${item.status}`);
  if (item.text.trim() === '') throw new OutboxError('empty', 'write something before it can be sent');
  return checked({
    ...item,
    text: item.text.trim(),
    status: 'ready',
    week: isoWeekAt(ctx.now, ctx.tzOffsetMinutes),
    updatedAt: ctx.now,
  });
}

/** A ready item back to draft (to keep working on it). */
export function backToDraft(item: OutboxItem, now: number): OutboxItem {
  if (item.status !== 'ready' && item.status !== 'withdrawn') {
    throw new OutboxError('notEditable', `item ${item.id} is ${item.status}`);
  }
  return checked({ ...item, status: 'draft', updatedAt: now });
}

/** The item withdrawn: it will not be exported (it can still be brought back as a draft). */
export function withdrawItem(item: OutboxItem, now: number): OutboxItem {
  if (!isEditable(item)) throw new OutboxError('notEditable', `item ${item.id} is ${item.status}`);
  return checked({ ...item, status: 'withdrawn', updatedAt: now });
}

/** The item after an export in `week` (a ready item, or an exported one exported again). */
export function markExported(item: OutboxItem, week: string, now: number): OutboxItem {
  if (item.status !== 'ready' && item.status !== 'exported') {
    throw new OutboxError('notEditable', `item ${item.id} is ${item.status}, not ready`);
  }
  return checked({ ...item, status: 'exported', exportedWeek: week, updatedAt: now });
}

/**
 * The reference an item may carry to `article`: team pack and sample articles only. A personal
 * article's id and title are the agent's own words and could be telling, so they are never linked.
 */
export function articleRefFor(article: Pick<Article, 'id' | 'title' | 'source'>): ArticleRef | null {
  if (article.source === 'local') return null;
  return { id: article.id, title: article.title.slice(0, 200) };
}

/** Items for the outbox list: drafts and ready ones first (latest edit first), then the rest. */
export function sortOutbox(items: readonly OutboxItem[]): OutboxItem[] {
  const rank = { draft: 0, ready: 0, exported: 1, withdrawn: 2 } as const;
  return [...items].sort((a, b) => rank[a.status] - rank[b.status] || b.updatedAt - a.updatedAt);
}
