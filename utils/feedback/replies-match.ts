import { REPLY_STATUSES, type OutboxItem, type ReplyStatus, type StoredReply } from './records';
import type { LoopFigures, PublishedReplies, ReplyAnswer } from './replies-format';

/**
 * The agent's side of replies: out of everything a team published (a pack's section, replies
 * files), pick the statuses and answers whose reply key is one of this browser's own items, and
 * nothing else. Other people's answers are never stored or shown.
 */

/** What a manager published about one of the agent's own items. */
export interface OwnReplyState {
  itemId: string;
  replyKey: string;
  status: ReplyStatus;
  /** The day of that status. */
  day: string;
  /** Answers, oldest first. */
  answers: Array<Pick<ReplyAnswer, 'id' | 'body' | 'day'>>;
}

/** The result of matching: the agent's own items only, and the latest loop figures. */
export interface MatchedReplies {
  items: OwnReplyState[];
  loop: LoopFigures | null;
}

const STATUS_ORDER = new Map<ReplyStatus, number>(REPLY_STATUSES.map((s, i) => [s, i]));

/** The later of two statuses: the later day, and on the same day the further along. */
function later(a: { status: ReplyStatus; day: string }, b: { status: ReplyStatus; day: string }) {
  if (a.day !== b.day) return a.day > b.day ? a : b;
  return STATUS_ORDER.get(a.status)! >= STATUS_ORDER.get(b.status)! ? a : b;
}

/**
 * Matches published replies against the agent's own reply keys (`ownKeys`: reply key → item id,
 * from `replyKeysOf`). An item with answers but no published status counts as answered. Statuses
 * and answers from several sources are merged: the latest status wins, answers are kept once by id.
 */
export function matchReplies(
  ownKeys: ReadonlyMap<string, string>,
  sources: readonly PublishedReplies[],
): MatchedReplies {
  const states = new Map<string, OwnReplyState>();
  const stateFor = (replyKey: string): OwnReplyState | null => {
    const itemId = ownKeys.get(replyKey);
    if (itemId === undefined) return null;
    let s = states.get(replyKey);
    if (!s) {
      s = { itemId, replyKey, status: 'received', day: '', answers: [] };
      states.set(replyKey, s);
    }
    return s;
  };
  let loop: { figures: LoopFigures; on: string } | null = null;
  for (const src of sources) {
    for (const st of src.statuses) {
      const s = stateFor(st.replyKey);
      if (!s) continue;
      const next = s.day === '' ? st : later(s, st);
      s.status = next.status;
      s.day = next.day;
    }
    for (const a of src.replies) {
      const s = stateFor(a.replyKey);
      if (!s) continue;
      const known = s.answers.findIndex((x) => x.id === a.id);
      if (known >= 0) {
        if (a.day >= s.answers[known]!.day) s.answers[known] = { id: a.id, body: a.body, day: a.day };
      } else s.answers.push({ id: a.id, body: a.body, day: a.day });
    }
    if (src.loop && (loop === null || (src.publishedOn ?? '') >= loop.on)) {
      loop = { figures: src.loop, on: src.publishedOn ?? '' };
    }
  }
  for (const s of states.values()) {
    s.answers.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.id < b.id ? -1 : 1));
    const lastAnswer = s.answers[s.answers.length - 1];
    if (lastAnswer && (s.day === '' || (s.status !== 'answered' && s.status !== 'closed' && lastAnswer.day >= s.day))) {
      s.status = 'answered';
      s.day = lastAnswer.day;
    }
  }
  return { items: [...states.values()], loop: loop?.figures ?? null };
}

/** What to write after matching: changed items, and answers new or changed since last time. */
export interface ReplyWrites {
  items: OutboxItem[];
  replies: StoredReply[];
}

/**
 * Folds matched replies into the agent's stored items and answers. An item's status changes only
 * to a later one than it has (sources are applied one at a time: the pack when it syncs, a file
 * when it is imported). A new answer is unread; an answer whose text the manager changed becomes
 * unread again; others keep their read flag. Returns only what changed.
 */
export function replyWrites(
  items: readonly OutboxItem[],
  stored: readonly StoredReply[],
  matched: MatchedReplies,
): ReplyWrites {
  const byId = new Map(items.map((i) => [i.id, i]));
  const storedById = new Map(stored.map((r) => [r.id, r]));
  const out: ReplyWrites = { items: [], replies: [] };
  for (const m of matched.items) {
    const item = byId.get(m.itemId);
    // What is stored may be newer than these sources (a replies file imported after the pack
    // last synced): the later status wins, so applying older sources never turns it back.
    const next = item?.reply ? later(item.reply, m) : m;
    if (item && (item.reply?.status !== next.status || item.reply?.day !== next.day)) {
      out.items.push({ ...item, reply: { status: next.status, day: next.day } });
    }
    for (const a of m.answers) {
      const prev = storedById.get(a.id);
      if (prev && prev.itemId === m.itemId && prev.body === a.body && prev.day === a.day) continue;
      out.replies.push({ id: a.id, itemId: m.itemId, replyKey: m.replyKey, body: a.body, day: a.day, read: false });
    }
  }
  return out;
}

/** Unread answers, for the popup badge. */
export function unreadCount(replies: readonly Pick<StoredReply, 'read'>[]): number {
  return replies.reduce((n, r) => n + (r.read ? 0 : 1), 0);
}
