import type { SeatmateDb } from '../db';
import { buildFeedbackExport, type BuiltExport, type ExportInput } from './export';
import { OutboxError } from './outbox';
import type { RestorePlan } from './backup';
import { outboxItemSchema, shareIdRecordSchema, storedReplySchema, type OutboxItem } from './records';
import type { PublishedReplies } from './replies-format';
import { matchReplies, replyWrites, type MatchedReplies } from './replies-match';
import { replyKeysOf } from './reply-key';

/**
 * The agent's outbox in Dexie: each write validates first, then writes in one transaction (the
 * hashing and digests, which are not Dexie work, happen before it).
 */

/** Saves one outbox item (a draft as the agent types, or any transition's result). */
export async function saveOutboxItem(db: SeatmateDb, item: OutboxItem): Promise<void> {
  const valid = outboxItemSchema.parse(item);
  await db.transaction('rw', db.feedback, () => db.feedback.put(valid));
}

/**
 * Changes the stored item `id` by `change`, reading and writing it in one transaction, so a change
 * computed from what the page showed a moment ago never undoes one made since: the agent's
 * Withdraw in the outbox, while the form still saves what they typed, stays withdrawn (the form's
 * save then fails with `notEditable`). Returns the item as it was and as it is now.
 */
export async function changeOutboxItem(
  db: SeatmateDb,
  id: string,
  change: (stored: OutboxItem) => OutboxItem,
): Promise<{ before: OutboxItem; after: OutboxItem }> {
  return db.transaction('rw', db.feedback, async () => {
    const stored = await db.feedback.get(id);
    if (!stored) throw new OutboxError('missing', `item ${id} is not in the outbox`);
    const before = outboxItemSchema.parse(stored);
    const after = outboxItemSchema.parse(change(before));
    if (after.id !== id) throw new Error(`a change of item ${id} may not change its id`);
    await db.feedback.put(after);
    return { before, after };
  });
}

/** Deletes a withdrawn item (and the answers to it) for good. */
export async function deleteOutboxItem(db: SeatmateDb, id: string): Promise<void> {
  await db.transaction('rw', db.feedback, db.replies, async () => {
    const item = await db.feedback.get(id);
    if (item && item.status !== 'withdrawn' && item.status !== 'draft') throw new Error(`item ${id} is ${item.status}`);
    await db.feedback.delete(id);
    await db.replies.where('itemId').equals(id).delete();
  });
}

/**
 * Exports the given ready (or exported) items with the chosen sections: builds the file, then in
 * one transaction marks the items exported and remembers new share ids. Refused (nothing
 * written) if an item changed meanwhile.
 */
export async function exportOutbox(
  db: SeatmateDb,
  input: Omit<ExportInput, 'items' | 'shareIds'> & { itemIds: readonly string[] },
): Promise<BuiltExport> {
  const items = (await db.feedback.bulkGet([...input.itemIds])).filter((i): i is OutboxItem => i !== undefined);
  if (items.length !== input.itemIds.length) throw new Error('an item to export is missing');
  const shareIds = new Map((await db.feedbackShareIds.toArray()).map((r) => [r.key, r.id]));
  const built = await buildFeedbackExport({ ...input, items, shareIds });
  await db.transaction('rw', db.feedback, db.feedbackShareIds, async () => {
    for (const item of items) {
      const now = await db.feedback.get(item.id);
      if (!now || now.updatedAt !== item.updatedAt) throw new Error(`item ${item.id} changed during the export`);
      await db.feedback.put(
        outboxItemSchema.parse({ ...now, status: 'exported', exportedWeek: built.doc.week, updatedAt: input.now }),
      );
    }
    await db.feedbackShareIds.bulkPut(built.newShareIds.map((r) => shareIdRecordSchema.parse(r)));
  });
  return built;
}

/**
 * Matches published replies (packs, files) against this browser's own items and stores the
 * result: item statuses and the agent's own answers only.
 */
export async function applyPublishedReplies(
  db: SeatmateDb,
  sources: readonly PublishedReplies[],
): Promise<MatchedReplies> {
  const items = await db.feedback.toArray();
  const own = await replyKeysOf(items.filter((i) => i.status === 'exported'));
  const matched = matchReplies(own, sources);
  const stored = await db.replies.toArray();
  const writes = replyWrites(items, stored, matched);
  const replies = writes.replies.map((r) => storedReplySchema.parse(r));
  const changed = writes.items.map((i) => outboxItemSchema.parse(i));
  await db.transaction('rw', db.feedback, db.replies, async () => {
    await db.feedback.bulkPut(changed);
    await db.replies.bulkPut(replies);
  });
  return matched;
}

/** Marks answers read (the popup badge counts unread ones). */
export async function markRepliesRead(db: SeatmateDb, ids: readonly string[]): Promise<void> {
  await db.transaction('rw', db.replies, async () => {
    for (const id of ids) await db.replies.update(id, { read: true });
  });
}

/** Adds a restore plan's items (from a backup file or code) in one transaction. */
export async function applyRestore(db: SeatmateDb, plan: RestorePlan): Promise<void> {
  const items = plan.add.map((i) => outboxItemSchema.parse(i));
  await db.transaction('rw', db.feedback, () => db.feedback.bulkAdd(items));
}
